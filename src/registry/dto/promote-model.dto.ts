import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import type { PromoteOptions, PromotionResult } from '../model-registry.types.js';
import type { GateResult } from '../registry-history.schema.js';
import { ModelVersionDto, toModelVersionDto } from './model-version.dto.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

export const PROMOTION_STAGES = ['staging', 'prod'] as const;
export const REASON_MAX = 2000;

/** POST /models/:id/promote body. */
export class PromoteModelDto {
  @ApiProperty({
    enum: PROMOTION_STAGES,
    example: 'prod',
    description: 'Target stage: staging (no gates) or prod (through the promotion gates)',
  })
  @IsIn(PROMOTION_STAGES)
  stage!: (typeof PROMOTION_STAGES)[number];

  @ApiPropertyOptional({
    example: false,
    default: false,
    description:
      'Enter prod although gates fail; needs a reason (400 otherwise); recorded in the history',
  })
  @IsOmittable()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({
    example: 'holiday week: the new model handles the Spring Festival drop',
    maxLength: REASON_MAX,
    description: 'Why; stored in the history (required with force)',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}

export function promoteOptions(body: PromoteModelDto, actor: string): PromoteOptions {
  return { stage: body.stage, force: body.force, reason: body.reason, actor };
}

/** One promotion gate's outcome. */
export class GateResultDto implements GateResult {
  @ApiProperty({
    example: 'coverage_band',
    description:
      'Gate name: backtest, min_improvement, same_protocol, coverage_band, beats_seasonal_naive',
  })
  gate!: string;

  @ApiProperty({ example: false, description: 'Whether the candidate passed it' })
  passed!: boolean;

  @ApiProperty({
    example: 'P10–P90 coverage 0.5000 must be within [0.7000, 0.9000]',
    description: 'What was compared',
  })
  detail!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.5,
    description: "The candidate's value",
  })
  candidate!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: null,
    description: 'The value compared with (prod WAPE, seasonal naive WAPE)',
  })
  reference!: number | null;

  @ApiProperty({
    nullable: true,
    oneOf: [{ type: 'number' }, { type: 'array', items: { type: 'number' } }],
    example: [0.7, 0.9],
    description: 'The bound to meet: a number, or [low, high] for a band',
  })
  threshold!: number | [number, number] | null;
}

/** POST /models/:id/promote body (200). */
export class PromotionResultDto {
  @ApiProperty({ type: ModelVersionDto, description: 'The model after the change' })
  version!: ModelVersionDto;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'quantity-gru-20261101T020000Z-0f9e8d',
    description: 'The model that held prod before (promotions to prod), else null',
  })
  previous_id!: string | null;

  @ApiProperty({ type: [GateResultDto], description: 'Gate results (empty for staging)' })
  gates!: GateResultDto[];

  @ApiProperty({ example: false, description: 'True when failing gates were overridden' })
  forced!: boolean;

  @ApiProperty({
    example: true,
    description: 'False when the model already was in that stage (nothing was written)',
  })
  changed!: boolean;
}

export function toPromotionResultDto(r: PromotionResult): PromotionResultDto {
  return {
    version: toModelVersionDto(r.version),
    previous_id: r.previousId,
    gates: r.gates,
    forced: r.forced,
    changed: r.changed,
  };
}
