import { AppError } from '../../common/errors/app-error.js';

/** Seconds a client is told to wait (Retry-After) when every validation slot is taken. */
export const VALIDATION_RETRY_AFTER_SEC = 5;

export class ValidationBusyError extends AppError {
  constructor(limit: number) {
    super(
      503,
      `Too many uploads are being validated (at most ${limit} at once); retry in ${VALIDATION_RETRY_AFTER_SEC} s`,
      { code: 'validation_busy', details: { limit, retry_after_sec: VALIDATION_RETRY_AFTER_SEC } },
    );
  }
}

/**
 * At most `limit` uploads validated at once (`server.maxConcurrentValidations`): each holds the
 * columns its files parse into, so a burst of large uploads must not add up without bound. One
 * over the limit is refused at once (503 with Retry-After), before its body is read.
 */
export class ValidationSlots {
  private taken = 0;

  constructor(readonly limit: number) {}

  /** Takes a slot, or throws ValidationBusyError; call the returned function to give it back. */
  acquire(): () => void {
    if (this.taken >= this.limit) throw new ValidationBusyError(this.limit);
    this.taken++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken--;
    };
  }

  get inUse(): number {
    return this.taken;
  }
}
