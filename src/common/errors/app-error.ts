import type { ErrorDetails } from './error-envelope.js';
import { errorCodeForStatus } from './error-codes.js';

export interface AppErrorOptions {
  /** Envelope code; defaults to the one for `status` (`not_found` for 404, ...). */
  code?: string;
  details?: ErrorDetails;
  cause?: unknown;
}

/**
 * Base class of the typed errors modules throw (`ModelNotFoundError extends AppError`, ...). The global
 * filter turns it into the error envelope with its `status`, `code` and `details`; its message is shown
 * to the caller, so it must not hold secrets or internals.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetails;

  constructor(status: number, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = options.code ?? errorCodeForStatus(status);
    this.details = options.details ?? null;
  }
}
