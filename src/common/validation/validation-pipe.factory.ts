import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { bodyBoundsProblem } from './body-bounds.js';
import { flattenValidationErrors, RequestValidationError } from './request-validation.error.js';

const PRIMITIVES: readonly unknown[] = [String, Boolean, Number, Array, Object];

/** ValidationPipe that refuses a body of the wrong shape or size before class-transformer sees it. */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype, type } = metadata;
    if (type === 'body' && typeof metatype === 'function' && !PRIMITIVES.includes(metatype)) {
      const problem = bodyBoundsProblem(value, metatype);
      if (problem) throw new RequestValidationError([problem]);
    }
    return (await super.transform(value, metadata)) as unknown;
  }
}

/**
 * The global ValidationPipe: transforms payloads into their DTO classes, rejects properties a DTO does
 * not declare, and reports failures as a `validation_failed` envelope with `[{field, message}]` details.
 * A DTO body must be a JSON object within the bounds of `bodyBoundsProblem` (checked first, cheaply).
 */
export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
