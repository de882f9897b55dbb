import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, RequestValidationError } from './request-validation.error.js';

/**
 * The global ValidationPipe: transforms payloads into their DTO classes, rejects properties a DTO does
 * not declare, and reports failures as a `validation_failed` envelope with `[{field, message}]` details.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
