import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type Logger as PinoLogger } from 'pino';
import { currentLogContext, type LogContext } from './log-context.js';
import { prettyLine } from './pretty-line.js';
import { needsSanitizing, sanitizeForLog, SecretScrubber } from './redact.js';

/** Where finished lines go (stdout by default; tests pass their own). */
export interface LogSink {
  write(line: string): void;
}

export interface StructuredLoggerOptions {
  format: 'json' | 'pretty';
  /** Nest levels written. */
  levels: readonly LogLevel[];
  /** Secret values scrubbed from every line (see secretValuesOf). */
  secrets?: readonly string[];
  sink?: LogSink;
}

/** Nest's level → pino's. */
const PINO_LEVEL: Record<LogLevel, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

const NO_CONTEXT: LogContext = {};
/** What Nest passes as a stack trace (`Error: msg\n    at f (file:1:2)`). */
const STACK = /^(.)+\n\s+at .+:\d+:\d+/;

const stdoutSink: LogSink = { write: (line) => void process.stdout.write(line) };

/**
 * Nest's LoggerService on pino: one JSON object per line (`level`, `time`, `pid`, `context`, `msg`,
 * plus `reqId` inside a request and `jobId`/`jobName` inside a job, from AsyncLocalStorage), or a
 * readable line per entry for local development. Known secrets and URL passwords are scrubbed from
 * every line, credential fields and headers of logged objects replaced by `***`.
 */
export class StructuredLogger implements LoggerService {
  readonly pino: PinoLogger;
  private enabled: Set<LogLevel>;
  private readonly children = new Map<string, PinoLogger>();

  constructor(opts: StructuredLoggerOptions) {
    this.enabled = new Set(opts.levels);
    const sink = opts.sink ?? stdoutSink;
    const scrubber = new SecretScrubber(opts.secrets ?? []);
    const write =
      opts.format === 'pretty'
        ? (line: string): void => sink.write(prettyLine(scrubber.scrub(line)))
        : (line: string): void => sink.write(scrubber.scrub(line));
    this.pino = pino(
      {
        level: 'trace',
        base: { pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => currentLogContext() ?? NO_CONTEXT,
      },
      { write },
    );
  }

  /** Whether a Nest level is written. */
  isEnabled(level: LogLevel): boolean {
    return this.enabled.has(level);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.enabled = new Set(levels);
  }

  /** The pino logger for a context (`{"context": "HTTP"}` on its lines), made once. */
  forContext(context: string): PinoLogger {
    let child = this.children.get(context);
    if (child === undefined) {
      child = this.pino.child({ context });
      this.children.set(context, child);
    }
    return child;
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    if (!this.enabled.has('error')) return;
    // Nest: error(message, stack?, context?); a lone extra string is a stack only if it looks like one.
    let stack: string | undefined;
    let context: string | undefined;
    if (rest.length >= 2) {
      stack = typeof rest[0] === 'string' ? rest[0] : undefined;
      context =
        typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    } else if (typeof rest[0] === 'string') {
      if (STACK.test(rest[0])) stack = rest[0];
      else context = rest[0];
    }
    const logger = context === undefined ? this.pino : this.forContext(context);
    if (message instanceof Error) logger.error({ err: message }, message.message);
    else if (stack !== undefined)
      logger.error({ err: { message: text(message), stack } }, text(message));
    else this.emit(logger, 'error', message);
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.enabled.has(level)) return;
    const last = rest[rest.length - 1];
    const logger = typeof last === 'string' ? this.forContext(last) : this.pino;
    this.emit(logger, PINO_LEVEL[level], message);
  }

  private emit(logger: PinoLogger, level: (typeof PINO_LEVEL)[LogLevel], message: unknown): void {
    if (message instanceof Error) logger[level]({ err: message }, message.message);
    else if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
      const { msg, ...fields } = message as Record<string, unknown>;
      const safe = needsSanitizing(fields) ? (sanitizeForLog(fields) as object) : fields;
      logger[level](safe, typeof msg === 'string' ? msg : '');
    } else logger[level](text(message));
  }
}

function text(message: unknown): string {
  return typeof message === 'string' ? message : (JSON.stringify(message) ?? String(message));
}
