import { Logger, type LogLevel } from '@nestjs/common';
import type { ServerConfig } from '../../config/server.config.js';
import { StructuredLogger, type LogSink } from './structured-logger.js';

export interface AppLoggerOptions {
  /** Levels to print; default from `LOG_LEVEL`, else all but verbose. */
  logLevels?: LogLevel[];
  /** Secret values scrubbed from every line (`secretValuesOf(config)`). */
  secrets?: readonly string[];
  /** Where lines go; default stdout. */
  sink?: LogSink;
}

const DEFAULT_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug'];
/** Nest's levels from the most to the least severe. */
const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
/** `LOG_LEVEL` names (pino's, plus Nest's own) → the least severe Nest level printed. */
const LOG_LEVEL_NAMES: Record<string, LogLevel> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  info: 'log',
  log: 'log',
  debug: 'debug',
  trace: 'verbose',
  verbose: 'verbose',
};

/**
 * The levels `LOG_LEVEL` asks for (`info` prints fatal, error, warn and info), or undefined when it
 * is unset or unknown (then the default: all but verbose).
 */
export function logLevelsFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel[] | undefined {
  const raw = env.LOG_LEVEL?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'silent') return [];
  const least = LOG_LEVEL_NAMES[raw];
  return least === undefined ? undefined : ORDER.slice(0, ORDER.indexOf(least) + 1);
}

/**
 * The process logger (pino, see StructuredLogger): one JSON object per line when `server.logFormat`
 * is `json` (production), a readable line per entry when `pretty` (local development).
 */
export function createAppLogger(
  server: Pick<ServerConfig, 'logFormat'>,
  opts: AppLoggerOptions = {},
): StructuredLogger {
  return new StructuredLogger({
    format: server.logFormat,
    levels: opts.logLevels ?? logLevelsFromEnv() ?? DEFAULT_LEVELS,
    secrets: opts.secrets,
    sink: opts.sink,
  });
}

/**
 * A logger with the class name as context (`private readonly log = loggerFor(MyService)`); it writes
 * through whatever logger the app was created with.
 */
export function loggerFor(owner: string | { name: string }): Logger {
  return new Logger(typeof owner === 'string' ? owner : owner.name);
}
