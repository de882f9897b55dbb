import { AppError } from '../../common/errors/app-error.js';

/** Rows one validation holds by default (`server.validationMaxRows`). */
export const DEFAULT_VALIDATION_MAX_ROWS = 3_000_000;

/**
 * A validation would hold more than `limit` rows (annex files: rows kept for the checks across
 * files; long format: distinct (unique_id, ds) keys): 413, so memory stays bounded whatever the
 * size of the upload.
 */
export class ValidationTooLargeError extends AppError {
  constructor(limit: number, file: string) {
    super(
      413,
      `'${file}' has more rows than one validation may hold (server.validationMaxRows = ${limit}); split the file, or validate it with 'freshcast data validate'`,
      { code: 'payload_too_large', details: { limit_rows: limit, file } },
    );
  }
}

/** Counts the rows a validation holds and throws ValidationTooLargeError past the limit. */
export class HeldRows {
  private count = 0;
  /** Most rows held at once (for tests and benches). */
  peak = 0;

  constructor(readonly limit: number = DEFAULT_VALIDATION_MAX_ROWS) {}

  /** One more row held for `file`. */
  hold(file: string): void {
    if (this.count >= this.limit) throw new ValidationTooLargeError(this.limit, file);
    this.count++;
    if (this.count > this.peak) this.peak = this.count;
  }

  get held(): number {
    return this.count;
  }
}
