import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsObject,
  IsPositive,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { Target } from '../../../data/series-panel.js';
import { listKinds } from '../../../forecasting/forecaster.registry.js';
import { OptionalJobHorizonField } from './horizon-field.decorator.js';
import { IsKnownKind } from './known-kind.validator.js';
import { OptionalWindowsField } from './windows-field.decorator.js';
import { OptionalSeedField } from './seed-field.decorator.js';
import { OptionalTargetField } from '../../../data/target-field.decorator.js';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator.js';

/** POST /admin/retrain body. */
export class TrainJobRequestDto {
  @OptionalTargetField('Target to train for')
  target?: Target;

  @ApiPropertyOptional({
    example: ['ets', 'linear'],
    type: [String],
    enum: listKinds(),
    minItems: 1,
    maxItems: 10,
    description:
      'Model kinds to train, each backtested and registered in staging; the best is promoted ' +
      '(default: the configured default kind)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsKnownKind({ each: true })
  models?: string[];

  @ApiPropertyOptional({
    example: { lags: 21 },
    type: 'object',
    additionalProperties: true,
    description:
      "Hyper-parameters (JSON object) for every kind trained, e.g. the ones a tune found; each kind's defaults otherwise",
  })
  @IsOmittable()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: 'latest',
    maxLength: 200,
    description:
      'Train with the best params of a finished tune job: its id, or "latest" for the newest ' +
      'completed tune of the kind in models (of any kind when models is omitted) for the target. ' +
      'Not together with params; models, when given, must be that one kind.',
  })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  tune_job?: string;

  @ApiPropertyOptional({
    example: 120,
    minimum: 0,
    exclusiveMinimum: true,
    maximum: 86_400,
    description: 'Training time budget per kind in seconds (default: forecasting.timeBudgetSec)',
  })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(86_400)
  time_budget_s?: number;

  @ApiPropertyOptional({
    example: true,
    default: true,
    description: 'Promote the best candidate to prod when it passes the promotion gates',
  })
  @IsOmittable()
  @IsBoolean()
  promote?: boolean;

  @OptionalJobHorizonField()
  horizon?: number;

  @ApiPropertyOptional({
    example: 30,
    minimum: 1,
    maximum: 10_000,
    description: 'Epochs of the neural kinds (default: per kind)',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10_000)
  epochs?: number;

  @OptionalSeedField('Random seed (default: forecasting.seed)')
  seed?: number;

  @OptionalWindowsField('Rolling-origin backtest windows (default: forecasting.backtest.windows)')
  backtest_windows?: number;
}
