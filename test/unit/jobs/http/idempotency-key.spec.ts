import { readIdempotencyKey } from '../../../../src/jobs/http/idempotency-key.decorator.js';
import { RequestValidationError } from '../../../../src/common/validation/request-validation.error.js';

describe('Idempotency-Key header', () => {
  it('is optional and kept as sent when 1 to 255 characters', () => {
    expect(readIdempotencyKey(undefined)).toBeUndefined();
    expect(readIdempotencyKey('k')).toBe('k');
    expect(readIdempotencyKey('k'.repeat(255))).toBe('k'.repeat(255));
    expect(readIdempotencyKey(['a', 'b'])).toBe('a, b');
  });

  it('refuses an empty or too long key as a field error on the header', () => {
    for (const key of ['', 'k'.repeat(256)]) {
      let caught: unknown;
      try {
        readIdempotencyKey(key);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(RequestValidationError);
      expect(caught).toMatchObject({
        status: 400,
        details: [
          { field: 'Idempotency-Key', message: expect.stringContaining('1 to 255') as unknown },
        ],
      });
    }
  });
});
