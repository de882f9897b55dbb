import { StorageError } from './storage.errors.js';

const MAX_KEY_LENGTH = 1024;

/** Control characters (NUL included) and backslashes never appear in a key. */
function hasForbiddenChar(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return true;
  }
  return false;
}

/**
 * Checks an artifact key: slash-separated relative segments, none empty, none starting with a dot
 * (so no `.`/`..` traversal and no clash with a driver's hidden temp files), no backslash, no control
 * character, at most 1024 characters. Returns the key unchanged; throws StorageError INVALID_KEY.
 */
export function validateKey(key: string): string {
  const problem = keyProblem(key);
  if (problem !== undefined)
    throw new StorageError('INVALID_KEY', key, `invalid key ${JSON.stringify(key)}: ${problem}`);
  return key;
}

/** A listing prefix: '' (everything) or a key, optionally ending with '/'. */
export function validatePrefix(prefix: string): string {
  if (prefix === '') return prefix;
  const body = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const problem = keyProblem(body);
  if (problem !== undefined)
    throw new StorageError(
      'INVALID_KEY',
      prefix,
      `invalid prefix ${JSON.stringify(prefix)}: ${problem}`,
    );
  return prefix;
}

function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'empty';
  if (key.length > MAX_KEY_LENGTH) return `longer than ${MAX_KEY_LENGTH} characters`;
  if (hasForbiddenChar(key)) return 'backslash or control character';
  if (key.startsWith('/')) return 'absolute';
  for (const segment of key.split('/')) {
    if (segment === '') return 'empty segment';
    if (segment.startsWith('.')) return 'a segment starts with "."';
  }
  return undefined;
}
