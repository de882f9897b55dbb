import { randomBytes } from 'node:crypto';
import { hashApiKey } from '../../common/auth/client-keys.js';
import { UsageError } from '../cli.errors.js';
import type { CliCommand } from '../command.types.js';

/** Fewest characters a client key may have (a random one from `keys hash --new` has 43). */
export const MIN_KEY_LENGTH = 24;

/**
 * `freshcast keys hash [KEY | --new]`: the SHA-256 to put in `auth.clientApiKeys[].sha256`. With
 * `--new` it makes a random key (32 bytes, base64url) and prints it once, then its hash; with a KEY
 * it hashes that one (at least 24 characters, so that a hash cannot be reversed by guessing).
 */
export const keysHashCommand: CliCommand = {
  path: ['keys', 'hash'],
  summary: 'Print the SHA-256 of a client API key for auth.clientApiKeys (--new makes a key)',
  usage: 'freshcast keys hash KEY | freshcast keys hash --new',
  options: { new: { type: 'boolean' } },
  positionals: true,
  run({ values, positionals, io }) {
    const fresh = values.new === true;
    if (fresh === positionals.length > 0 || positionals.length > 1)
      throw new UsageError('give one KEY to hash, or --new to make one');
    const key = fresh ? randomBytes(32).toString('base64url') : positionals[0];
    if (key.length < MIN_KEY_LENGTH)
      throw new UsageError(
        `a client key needs at least ${MIN_KEY_LENGTH} characters (freshcast keys hash --new makes one)`,
      );
    if (fresh) io.out(`key:    ${key}\n`);
    io.out(`${fresh ? 'sha256: ' : ''}${hashApiKey(key)}\n`);
    if (fresh) io.err('Give the key to the client; put only the sha256 in auth.clientApiKeys.\n');
    return Promise.resolve(0);
  },
};

export const KEY_COMMANDS: CliCommand[] = [keysHashCommand];
