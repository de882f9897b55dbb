import type { ValidationError } from 'class-validator';
import { AppError } from '../errors/app-error.js';
import type { FieldError } from '../errors/error-envelope.js';

/** A request body, query or params failed validation; `details` lists each field and why. */
export class RequestValidationError extends AppError {
  constructor(fields: FieldError[]) {
    super(400, summarise(fields), { code: 'validation_failed', details: fields });
  }
}

function summarise(fields: FieldError[]): string {
  if (fields.length === 0) return 'Request validation failed';
  const first = fields[0];
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more)` : '';
  return `Request validation failed: ${first.field ? `${first.field}: ` : ''}${first.message}${more}`;
}

/** Flattens class-validator's nested errors into one entry per failed constraint, with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children && e.children.length > 0)
      out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}
