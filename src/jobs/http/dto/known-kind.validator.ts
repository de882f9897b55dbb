import { IsIn, type ValidationOptions } from 'class-validator';
import { listKinds } from '../../../forecasting/forecaster.registry.js';

/** One of the forecaster registry's kinds; the message lists them. */
export function IsKnownKind(options: ValidationOptions = {}): PropertyDecorator {
  const kinds = listKinds();
  return IsIn(kinds, {
    ...options,
    message: (args) =>
      `${args.property}${options.each === true ? ' entries' : ''} must be model kinds; ` +
      `unknown: ${unknownKinds(args.value, kinds).join(', ')}; known kinds: ${kinds.join(', ')}`,
  });
}

function unknownKinds(value: unknown, kinds: readonly string[]): string[] {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.filter((v) => typeof v !== 'string' || !kinds.includes(v)).map((v) => String(v));
}
