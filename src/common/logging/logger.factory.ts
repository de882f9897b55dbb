import { ConsoleLogger, Logger, type LogLevel, type LoggerService } from '@nestjs/common';
import type { ServerConfig } from '../../config/server.config.js';

export interface AppLoggerOptions {
  /** Levels to print; default from `LOG_LEVEL`, else all but verbose. */
  logLevels?: LogLevel[];
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
 * The process logger: one JSON object per line when `server.logFormat` is `json` (production),
 * coloured human-readable lines when `pretty` (colours only on a terminal).
 */
export function createAppLogger(
  server: Pick<ServerConfig, 'logFormat'>,
  opts: AppLoggerOptions = {},
): LoggerService {
  const json = server.logFormat === 'json';
  return new ConsoleLogger({
    json,
    colors: !json && process.stdout.isTTY === true,
    logLevels: opts.logLevels ?? logLevelsFromEnv() ?? DEFAULT_LEVELS,
  });
}

/**
 * A logger with the class name as context (`private readonly log = loggerFor(MyService)`); it writes
 * through whatever logger the app was created with.
 */
export function loggerFor(owner: string | { name: string }): Logger {
  return new Logger(typeof owner === 'string' ? owner : owner.name);
}
