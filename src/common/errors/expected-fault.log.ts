import type { LoggerService } from '@nestjs/common';

/** At most one line per code in this window; the next one says how many were left out. */
export const EXPECTED_FAULT_LOG_WINDOW_MS = 10_000;

interface Window {
  until: number;
  suppressed: number;
}

/**
 * One-line, rate-limited logs of the 5xx a module raises on purpose (an AppError: the job queue
 * unreachable, the server shutting down, no model loaded yet). They say what the operator needs
 * (route, code, message, cause) without the 12-line stack an unexpected fault gets, and a burst of
 * them (every job request during a Redis outage) logs one line per code per window.
 */
export class ExpectedFaultLog {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  log(
    logger: Pick<LoggerService, 'warn'>,
    code: string,
    line: string,
    windowMs: number = EXPECTED_FAULT_LOG_WINDOW_MS,
  ): void {
    const now = this.now();
    const w = this.windows.get(code);
    if (w !== undefined && now < w.until) {
      w.suppressed++;
      return;
    }
    const more =
      w !== undefined && w.suppressed > 0 ? ` (${w.suppressed} more since the last line)` : '';
    this.windows.set(code, { until: now + windowMs, suppressed: 0 });
    logger.warn(`${line}${more}`);
  }
}

/** The cause chain of an error in one line (`a: b: c`), for the log only (it may name hosts). */
export function causeLine(err: unknown): string {
  const parts: string[] = [];
  let cause: unknown = err instanceof Error ? err.cause : undefined;
  while (cause !== undefined && cause !== null && parts.length < 3) {
    parts.push(
      cause instanceof Error
        ? cause.message
        : typeof cause === 'string'
          ? cause
          : 'a non-Error cause',
    );
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return parts.join(': ').replace(/\s+/g, ' ');
}
