import { parseArgs } from 'node:util';
import type { CliCommand } from './command.types.js';
import type { CliIo } from './cli-io.js';
import { ConfigError } from '../config/config.loader.js';
import { CommandError, UsageError } from './cli.errors.js';

function matches(cmd: CliCommand, argv: string[]): boolean {
  return cmd.path.every((word, i) => argv[i] === word);
}

export function renderHelp(commands: readonly CliCommand[]): string {
  const lines = ['freshcast: demand and price forecasting for fresh produce', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.usage.split('\n')[0]}`, `      ${c.summary}`);
  lines.push('', 'Run `freshcast <command> --help` for the options of one command.');
  return lines.join('\n') + '\n';
}

/** Parses argv, runs the matching command and returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(
  argv: string[],
  commands: readonly CliCommand[],
  io: CliIo,
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(renderHelp(commands));
    return argv.length === 0 ? 2 : 0;
  }
  const candidates = commands
    .filter((c) => matches(c, argv))
    .sort((a, b) => b.path.length - a.path.length);
  const cmd = candidates[0];
  if (!cmd) {
    io.err(`freshcast: unknown command "${oneLine(argv.join(' '))}"\n\n${renderHelp(commands)}`);
    return 2;
  }
  const rest = argv.slice(cmd.path.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${cmd.usage}\n${cmd.summary}\n`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: negativeValuesJoined(rest, cmd.options),
      options: cmd.options,
      allowPositionals: cmd.positionals ?? false,
      strict: true,
    });
    return await cmd.run({ values, positionals, io });
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      io.err(`freshcast ${cmd.path.join(' ')}: ${oneLine(err.message)}\nusage: ${cmd.usage}\n`);
      return 2;
    }
    if (err instanceof CommandError || err instanceof ConfigError) {
      // A ConfigError (config/*.yaml or FRESHCAST_* variables) names the key and what it expects.
      io.err(`freshcast ${cmd.path.join(' ')}: ${err.message}\n`);
      return 1;
    }
    if (isSystemError(err)) {
      // File-system errors (ENOENT, EACCES, EISDIR...): a clear message, no stack trace.
      io.err(`freshcast ${cmd.path.join(' ')}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A usage message kept on one line: it quotes what was typed (`--items must be an integer (got "1
 * 2")`), and a newline or another control character in a value is shown escaped (`"1\n2"`).
 */
export function oneLine(message: string): string {
  let out = '';
  for (const c of message) {
    const code = c.charCodeAt(0);
    out +=
      code < 0x20 || code === 0x7f ? (ESCAPES[c] ?? `\\u${code.toString(16).padStart(4, '0')}`) : c;
  }
  return out;
}

/** A negative number (`-1`, `-0.5`, `-.5`, `-5m`): a value, never an option (none starts with a digit). */
const NEGATIVE_NUMBER = /^-\.?\d/;

/**
 * `--windows -1` as `--windows=-1`: parseArgs reads a value starting with a dash as a missing value
 * ("argument is ambiguous"), so the option's own reader never saw it to say what the option takes
 * (`--windows must be between 0 and 20`), and `--seed -5` failed where negative seeds are allowed.
 */
export function negativeValuesJoined(
  args: readonly string[],
  options: CliCommand['options'],
): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return [...out, ...args.slice(i)];
    const next = args[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    const takesValue =
      name !== undefined && Object.hasOwn(options, name) && options[name].type === 'string';
    if (takesValue && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** parseArgs errors may come from another realm (jest's vm), so no `instanceof Error` here. */
function isParseArgsError(err: unknown): err is Error {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    typeof err.code === 'string' &&
    err.code.startsWith('ERR_PARSE_ARGS')
  );
}

/** File-system errors (ENOENT, EACCES, EISDIR...), from whatever realm. */
function isSystemError(err: unknown): err is Error {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    'message' in err &&
    typeof err.code === 'string' &&
    /^E[A-Z]+$/.test(err.code)
  );
}
