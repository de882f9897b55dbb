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

/**
 * Constraints on a value's type. class-validator lists a property's failed constraints from its last
 * decorator up, so `@IsNumber() @Min(0) @Max(n)` answered a null or a "5" with "must not be greater
 * than n" first; the type is what is wrong there, so its message comes first.
 */
const TYPE_CONSTRAINTS: ReadonlySet<string> = new Set([
  'isString',
  'isNumber',
  'isInt',
  'isBoolean',
  'isArray',
  'isObject',
]);

/**
 * Flattens class-validator's nested errors into one entry per failed constraint, with dotted paths;
 * a field's type constraints first, then the others in class-validator's order.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const constraints = Object.entries(e.constraints ?? {});
    for (const typeFirst of [true, false])
      for (const [name, message] of constraints)
        if (TYPE_CONSTRAINTS.has(name) === typeFirst) out.push({ field, message });
    if (e.children && e.children.length > 0)
      out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}
