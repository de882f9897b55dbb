import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { Target } from '../../../data/series-panel.js';
import { listKinds } from '../../../forecasting/forecaster.registry.js';
import { JOB_MAX_HORIZON, MODEL_REF_MAX, MODEL_REF_PATTERN } from './batch-predict-request.dto.js';
import { IsKnownKind } from './known-kind.validator.js';
import { OptionalWindowsField } from './windows-field.decorator.js';
import { OptionalTargetField } from '../../../data/target-field.decorator.js';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator.js';

/** Request bodies offered by Swagger UI for POST /admin/backtest. */
export const BACKTEST_BODY_EXAMPLES = {
  registered: { summary: 'A registered model', value: { model: 'prod', windows: 3 } },
  untrained: {
    summary: 'An untrained kind with parameters',
    value: { kind: 'linear', params: { l2: 0.01 }, horizon: 14, windows: 2 },
  },
};

/** POST /admin/backtest body: exactly one of model and kind. */
export class BacktestJobRequestDto {
  @ApiPropertyOptional({
    example: 'prod',
    maxLength: MODEL_REF_MAX,
    description: 'A registered model (version id, prod or an alias); not together with kind',
  })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(MODEL_REF_MAX)
  @Matches(MODEL_REF_PATTERN, { message: 'model must be a model id, prod or an alias' })
  model?: string;

  @ApiPropertyOptional({
    example: 'linear',
    enum: listKinds(),
    description:
      'A model kind to backtest untrained, with optional params; not together with model',
  })
  @IsOmittable()
  @IsString()
  @IsKnownKind()
  kind?: string;

  @ApiPropertyOptional({
    example: { l2: 0.01 },
    type: 'object',
    additionalProperties: true,
    description: "Hyper-parameters of the kind (JSON object; the kind's defaults otherwise)",
  })
  @IsOmittable()
  @IsObject()
  params?: Record<string, unknown>;

  @OptionalTargetField('Target')
  target?: Target;

  @ApiPropertyOptional({
    example: 28,
    minimum: 1,
    maximum: JOB_MAX_HORIZON,
    description: "Days per window (default: the model's horizon)",
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(JOB_MAX_HORIZON)
  horizon?: number;

  @OptionalWindowsField('Rolling-origin windows', 3)
  windows?: number;
}
