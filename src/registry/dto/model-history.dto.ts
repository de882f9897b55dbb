import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { TARGETS, type Target } from '../../data/series-panel.js';
import { MODEL_ID_PATTERN } from '../model-id.js';
import { MODEL_STAGES, type ModelStage } from '../model-manifest.schema.js';
import type { HistoryResult } from '../model-registry.types.js';
import {
  REGISTRY_ACTIONS,
  type HistoryEntry,
  type RegistryAction,
} from '../registry-history.schema.js';
import { UnreadableEntryDto } from './model-list.dto.js';
import { BacktestMetricsDto, MODEL_ID_DESCRIPTION, MODEL_ID_EXAMPLE } from './model-version.dto.js';
import { GateResultDto } from './promote-model.dto.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

export const HISTORY_LIMIT_MAX = 10000;

/** GET /models/:id/history query. */
export class ModelHistoryQueryDto {
  @ApiPropertyOptional({
    example: 50,
    minimum: 1,
    maximum: HISTORY_LIMIT_MAX,
    description: 'Only the most recent N entries (default: all)',
  })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(HISTORY_LIMIT_MAX)
  limit?: number;
}

/** GET /models/history query: one target's history, optionally about one model. */
export class TargetHistoryQueryDto extends ModelHistoryQueryDto {
  @ApiProperty({ enum: TARGETS, example: 'quantity', description: 'Whose history' })
  @IsIn(TARGETS)
  target!: Target;

  @ApiPropertyOptional({
    example: MODEL_ID_EXAMPLE,
    description: 'Only entries about this model (or where it lost its stage or alias)',
  })
  @IsOmittable()
  @Matches(MODEL_ID_PATTERN, { message: MODEL_ID_DESCRIPTION })
  id?: string;
}

/** One registry change: who, when, why, and the metrics at that moment. */
export class HistoryEntryDto {
  @ApiProperty({ example: 1, description: 'History entry schema version' })
  schema_version!: number;

  @ApiProperty({ example: '2026-11-29T02:00:00.000Z', format: 'date-time', description: 'When' })
  at!: string;

  @ApiProperty({
    example: 'alice',
    description: 'Who: the x-actor header over HTTP (else "api"), cli:<user> from the CLI',
  })
  actor!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'holiday week',
    description: 'Why, when given',
  })
  reason!: string | null;

  @ApiProperty({ enum: REGISTRY_ACTIONS, example: 'promote', description: 'What was done' })
  action!: RegistryAction;

  @ApiProperty({ enum: TARGETS, example: 'quantity', description: 'Target of the model' })
  target!: Target;

  @ApiProperty({ example: MODEL_ID_EXAMPLE, description: 'The model the change is about' })
  id!: string;

  @ApiProperty({
    enum: MODEL_STAGES,
    nullable: true,
    example: 'staging',
    description: 'Stage before',
  })
  from_stage!: ModelStage | null;

  @ApiProperty({ enum: MODEL_STAGES, nullable: true, example: 'prod', description: 'Stage after' })
  to_stage!: ModelStage | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'The alias set or removed (alias changes)',
  })
  alias!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'quantity-gru-20261101T020000Z-0f9e8d',
    description: 'The model that held the stage or alias before',
  })
  previous_id!: string | null;

  @ApiProperty({ example: false, description: 'True when failing gates were overridden' })
  forced!: boolean;

  @ApiProperty({
    type: [GateResultDto],
    nullable: true,
    description: 'Gate results of a promotion to prod, else null',
  })
  gates!: GateResultDto[] | null;

  @ApiProperty({
    type: BacktestMetricsDto,
    nullable: true,
    description: 'Backtest metrics of the model concerned',
  })
  metrics!: BacktestMetricsDto | null;

  @ApiProperty({
    type: BacktestMetricsDto,
    nullable: true,
    description: 'Backtest metrics of the model that held the stage before',
  })
  previous_metrics!: BacktestMetricsDto | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "Live figures behind a decision taken on actuals (a canary's verdict)",
  })
  live?: Record<string, unknown>;

  @ApiProperty({ example: 3, description: 'state.json version after the change (0: registration)' })
  state_version!: number;
}

/** History body: entries oldest first, plus entries that could not be read. */
export class ModelHistoryDto {
  @ApiProperty({ type: [HistoryEntryDto], description: 'Entries, oldest first' })
  entries!: HistoryEntryDto[];

  @ApiProperty({ type: [UnreadableEntryDto], description: 'History files that could not be read' })
  errors!: UnreadableEntryDto[];
}

/** A stored history entry (camelCase) as answers write it (snake_case). */
export function toHistoryEntryDto(e: HistoryEntry): HistoryEntryDto {
  return {
    schema_version: e.schemaVersion,
    at: e.at,
    actor: e.actor,
    reason: e.reason,
    action: e.action,
    target: e.target,
    id: e.id,
    from_stage: e.fromStage,
    to_stage: e.toStage,
    alias: e.alias,
    previous_id: e.previousId,
    forced: e.forced,
    gates: e.gates,
    metrics: e.metrics,
    previous_metrics: e.previousMetrics,
    ...(e.live === undefined ? {} : { live: e.live }),
    state_version: e.stateVersion,
  };
}

export function toModelHistory(result: HistoryResult): ModelHistoryDto {
  return { entries: result.entries.map(toHistoryEntryDto), errors: result.errors };
}
