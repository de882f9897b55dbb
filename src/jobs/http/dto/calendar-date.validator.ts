import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../../../data/dates.js';

/** A real calendar date written YYYY-MM-DD (`2023-02-30` is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isIsoDate(value),
        defaultMessage: (args) => `${args?.property ?? 'date'} must be a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
}
