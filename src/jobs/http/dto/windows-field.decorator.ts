import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator.js';

/** Most rolling-origin windows a job body may ask for (backtest, tune, retrain). */
export const MAX_BACKTEST_WINDOWS = 12;

/**
 * An optional count of rolling-origin windows in a job body (`windows`, `tuning_windows`,
 * `backtest_windows`): documented (example, default when there is one) and validated as
 * 1…MAX_BACKTEST_WINDOWS.
 */
export function OptionalWindowsField(
  description: string,
  defaultWindows?: number,
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      example: 3,
      minimum: 1,
      maximum: MAX_BACKTEST_WINDOWS,
      ...(defaultWindows === undefined ? {} : { default: defaultWindows }),
      description,
    }),
    IsOmittable(),
    IsInt(),
    Min(1),
    Max(MAX_BACKTEST_WINDOWS),
  );
}
