import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TARGETS, type Target } from '../../data/series-panel.js';
import { MODEL_STAGES, type ModelStage, type ModelVersion } from '../model-manifest.schema.js';

export const MODEL_ID_EXAMPLE = 'quantity-mlp-20261129T013000Z-a1b2c3';
export const MODEL_ID_DESCRIPTION =
  'Model id: <target>-<kind>-<UTC yyyymmddThhmmssZ>-<6 hex>; anything else is refused with 400';

/** How the backtest was run (gates compare models only on the same protocol). */
export class BacktestProtocolDto {
  @ApiProperty({ example: 28, description: 'Forecast horizon of each backtest window (days)' })
  horizon!: number;

  @ApiProperty({ example: 4, description: 'Number of rolling-origin windows' })
  windows!: number;

  @ApiProperty({ example: 28, description: 'Days between two cutoffs' })
  step!: number;
}

/** Backtest metrics recorded at registration; other metrics may ride along. */
export class BacktestMetricsDto {
  @ApiProperty({ example: 0.31, description: 'WAPE = Σ|e| / Σ|y| over all scored points' })
  wape!: number;

  @ApiProperty({ example: 0.81, description: 'Share of actuals inside the P10–P90 interval' })
  coverage_p10_p90!: number;

  @ApiProperty({ example: 0.45, description: 'WAPE of seasonal naive (7) on the same windows' })
  seasonal_naive_wape!: number;

  @ApiPropertyOptional({ example: 0.82, description: 'MASE, scaled by seasonal-naive(7) MAE' })
  mase?: number;

  @ApiProperty({ type: BacktestProtocolDto, description: 'How the backtest was run' })
  protocol!: BacktestProtocolDto;
}

/** The data a model was trained on. */
export class TrainingWindowDto {
  @ApiProperty({ example: '2020-07-01', description: 'First training day (YYYY-MM-DD)' })
  start!: string;

  @ApiProperty({ example: '2023-06-30', description: 'Last training day (YYYY-MM-DD)' })
  end!: string;

  @ApiProperty({ example: 'sha256:9f2c…', description: 'Hash of the training data' })
  fingerprint!: string;

  @ApiPropertyOptional({ example: 251, description: 'Number of series trained on' })
  series?: number;
}

/** A registered model in listings: identity, stage, aliases, training window and backtest. */
export class ModelSummaryDto {
  @ApiProperty({ example: MODEL_ID_EXAMPLE, description: MODEL_ID_DESCRIPTION })
  id!: string;

  @ApiProperty({ enum: TARGETS, example: 'quantity', description: 'What the model forecasts' })
  target!: Target;

  @ApiProperty({ example: 'mlp', description: 'Model family (kind)' })
  kind!: string;

  @ApiProperty({
    enum: MODEL_STAGES,
    example: 'staging',
    description: 'Current stage: dev → staging → prod; a replaced prod model is archived',
  })
  stage!: ModelStage;

  @ApiProperty({
    type: [String],
    example: ['challenger'],
    description: 'Aliases pointing at this model (champion, challenger, ...)',
  })
  aliases!: string[];

  @ApiProperty({ example: 28, description: 'Forecast horizon in days' })
  horizon!: number;

  @ApiProperty({
    example: '2026-11-29T01:30:00.000Z',
    format: 'date-time',
    description: 'When the model was registered',
  })
  created_at!: string;

  @ApiProperty({ example: '0.1.0', description: 'freshcast version that trained the model' })
  code_version!: string;

  @ApiProperty({ type: TrainingWindowDto, description: 'Training window and data fingerprint' })
  training!: TrainingWindowDto;

  @ApiProperty({
    type: BacktestMetricsDto,
    nullable: true,
    description: 'Backtest metrics; null when never backtested (it cannot pass the prod gates)',
  })
  backtest!: BacktestMetricsDto | null;
}

/**
 * A registered model in full: the manifest plus its current stage and aliases, in snake_case like
 * every answer (the stored manifest is camelCase; params, FeatureSpec and state are passed as they are).
 */
export class ModelVersionDto extends ModelSummaryDto {
  @ApiProperty({ example: 1, description: 'Manifest schema version' })
  schema_version!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { hidden: [256, 256], lr: 0.001 },
    description: 'Hyper-parameters of the model kind',
  })
  params!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { version: 1, lags: [7, 14, 28] },
    description: 'The FeatureSpec the model was trained with',
  })
  feature_spec!: unknown;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { scaler: 'robust-level' },
    description: 'Summary of fitted state (scalers, calibration)',
  })
  state!: Record<string, unknown>;

  @ApiProperty({
    type: [String],
    example: ['model.json', 'weights.bin'],
    description: "Artifact keys, relative to the version's artifacts folder",
  })
  artifacts!: string[];
}

/** The listing shape of a model (no params, FeatureSpec, state or artifact list). */
export function toModelSummary(v: ModelVersion): ModelSummaryDto {
  return {
    id: v.id,
    target: v.target,
    kind: v.kind,
    stage: v.stage,
    aliases: [...v.aliases],
    horizon: v.horizon,
    created_at: v.createdAt,
    code_version: v.codeVersion,
    training: v.training,
    backtest: v.backtest,
  };
}

/** A model in full, as answers and `freshcast models show --json` write it. */
export function toModelVersionDto(v: ModelVersion): ModelVersionDto {
  return {
    ...toModelSummary(v),
    schema_version: v.schemaVersion,
    params: v.params,
    feature_spec: v.featureSpec,
    state: v.state,
    artifacts: [...v.artifacts],
  };
}
