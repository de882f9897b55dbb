import { ValidateIf } from 'class-validator';

/**
 * The property may be left out (undefined skips its other checks), but `null` is checked like any
 * other value, so `"date": null` is a 400 that names the field. Use it instead of class-validator's
 * `IsOptional`, which lets `null` through to code that expects the declared type.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
