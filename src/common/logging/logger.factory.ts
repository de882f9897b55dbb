import { ConsoleLogger, Logger, type LogLevel, type LoggerService } from '@nestjs/common';
import type { ServerConfig } from '../../config/server.config.js';

export interface AppLoggerOptions {
  /** Levels to print; default all but verbose. */
  logLevels?: LogLevel[];
}

const DEFAULT_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug'];

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
    logLevels: opts.logLevels ?? DEFAULT_LEVELS,
  });
}

/**
 * A logger with the class name as context (`private readonly log = loggerFor(MyService)`); it writes
 * through whatever logger the app was created with.
 */
export function loggerFor(owner: string | { name: string }): Logger {
  return new Logger(typeof owner === 'string' ? owner : owner.name);
}
