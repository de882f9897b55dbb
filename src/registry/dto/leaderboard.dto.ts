import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { TARGETS, type Target } from '../../data/series-panel.js';
import { MODEL_STAGES, type ModelStage } from '../model-manifest.schema.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

export class LeaderboardQueryDto {
  @ApiPropertyOptional({ enum: TARGETS, description: 'One target (default: every target)' })
  @IsOmittable()
  @IsIn(TARGETS)
  target?: Target;
}

/** One registered model's backtest, or the seasonal naive baseline it was measured against. */
export class LeaderboardRowDto {
  @ApiProperty({
    example: 'quantity-lstm-20230701T000000Z-ab12cd',
    nullable: true,
    type: String,
    description: 'Model id; null for the seasonal naive baseline row',
  })
  id!: string | null;
  @ApiProperty({ example: 'lstm' }) kind!: string;
  @ApiProperty({ enum: TARGETS }) target!: Target;
  @ApiProperty({ enum: MODEL_STAGES, nullable: true, type: String }) stage!: ModelStage | null;
  @ApiProperty({ type: [String] }) aliases!: string[];
  @ApiProperty({ example: '2026-11-29T01:30:00.000Z', nullable: true, type: String })
  created_at!: string | null;
  @ApiProperty({ example: 0.412, description: 'Backtest WAPE' }) wape!: number;
  @ApiProperty({ example: 0.83, nullable: true, type: Number }) mase!: number | null;
  @ApiProperty({ example: 0.79, nullable: true, type: Number }) coverage_p10_p90!: number | null;
  @ApiProperty({
    example: true,
    description: 'The seasonal naive baseline (its own row, or a model of that kind)',
  })
  seasonal_naive!: boolean;
  @ApiProperty({
    example: 0.12,
    description: 'WAPE gain over the seasonal naive of the same backtest',
  })
  skill_vs_seasonal_naive!: number;
  @ApiProperty({ example: '28 days × 3 windows, step 28' }) protocol!: string;
}

export class LeaderboardDto {
  @ApiProperty({ type: [LeaderboardRowDto], description: 'Per target, lowest WAPE first' })
  rows!: LeaderboardRowDto[];
}
