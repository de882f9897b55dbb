import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsPositive, Max, Min } from 'class-validator';
import type { Target } from '../../../data/series-panel.js';
import { tunableKinds } from '../../../forecasting/param-spaces.js';
import { OptionalTargetField } from '../../../data/target-field.decorator.js';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator.js';
import { MAX_TUNE_BUDGET_SEC } from '../../tune-job.payloads.js';
import { OptionalJobHorizonField } from './horizon-field.decorator.js';
import { OptionalWindowsField } from './windows-field.decorator.js';
import { OptionalSeedField } from './seed-field.decorator.js';

/** POST /admin/tune body. */
export class TuneJobRequestDto {
  @ApiProperty({
    example: 'linear',
    enum: tunableKinds(),
    description: 'The model kind to tune (a kind with a declared parameter space)',
  })
  @IsIn(tunableKinds(), {
    message: `model must be a kind with a parameter space: ${tunableKinds().join(', ')}`,
  })
  model!: string;

  @OptionalTargetField('Target to tune for')
  target?: Target;

  @ApiProperty({
    example: 1200,
    minimum: 0,
    exclusiveMinimum: true,
    maximum: MAX_TUNE_BUDGET_SEC,
    description: 'Wall-clock budget of the whole search in seconds; the job ends within it',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_TUNE_BUDGET_SEC)
  budget_s!: number;

  @OptionalSeedField('Seed of the search (default: forecasting.seed)')
  seed?: number;

  @OptionalJobHorizonField()
  horizon?: number;

  @OptionalWindowsField(
    'Tuning windows before the evaluation windows (the last forecasting.backtest.windows are never used)',
  )
  tuning_windows?: number;

  @ApiPropertyOptional({
    example: 9,
    minimum: 2,
    maximum: 100,
    description: 'Candidates per halving bracket',
  })
  @IsOmittable()
  @IsInt()
  @Min(2)
  @Max(100)
  candidates?: number;
}
