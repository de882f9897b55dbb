import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { TARGETS, type Target } from '../../data/series-panel.js';
import { HORIZON_BUCKETS, type HorizonBucket } from '../accuracy/live-accuracy.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

export class MonitoringQueryDto {
  @ApiPropertyOptional({ enum: TARGETS, description: 'Default: every target with a report' })
  @IsOmittable()
  @IsIn(TARGETS)
  target?: Target;
}

export class AccuracyQueryDto extends MonitoringQueryDto {
  @ApiPropertyOptional({ description: 'Only rows of this window (days), e.g. 7 or 28' })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  window?: number;

  @ApiPropertyOptional({ description: 'Only rows of this model version' })
  @IsOmittable()
  model?: string;
}

export class BacktestFiguresDto {
  @ApiProperty({ example: 0.447 }) wape!: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.81 }) mase!: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 0.79 }) coverage!: number | null;
}

export class ModelAccuracyInfoDto {
  @ApiProperty({ example: 'quantity-lstm-20261201T030000Z-1a2b3c' }) model_version!: string;
  @ApiProperty({ nullable: true, type: String, example: 'lstm' }) kind!: string | null;
  @ApiProperty({ type: BacktestFiguresDto, nullable: true, description: 'From the manifest' })
  backtest!: BacktestFiguresDto | null;
}

export class AccuracyRowDto {
  @ApiProperty({ example: 7 }) window_days!: number;
  @ApiProperty() model_version!: string;
  @ApiProperty({ enum: [...HORIZON_BUCKETS, 'all'], description: 'day 1, 2–7, 8–14, 15–28, >28' })
  horizon_bucket!: HorizonBucket;
  @ApiProperty({ example: 'all', description: 'A category name, or all' }) category!: string;
  @ApiProperty({ description: 'Forecast points scored (item × day × origin)' }) points!: number;
  @ApiProperty({ description: 'Days with at least one scored point' }) scored_days!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Σ|P50 − y| / Σ|y|' }) wape!: number;
  @ApiProperty({ nullable: true, type: Number }) mase!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Σ(P50 − y) / Σ|y|' }) bias!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'mean pinball of P10/P50/P90' })
  pinball!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'share of y in [P10, P90]' })
  coverage!: number;
}

export class AccuracyReportDto {
  @ApiProperty({ enum: TARGETS }) target!: Target;
  @ApiProperty({ example: '2023-06-30', description: 'Last day of the windows' }) as_of!: string;
  @ApiProperty() generated_at!: string;
  @ApiProperty({ type: [Number], example: [7, 28] }) windows!: number[];
  @ApiProperty({ nullable: true, type: String }) prod_model!: string | null;
  @ApiProperty({ type: [ModelAccuracyInfoDto] }) models!: ModelAccuracyInfoDto[];
  @ApiProperty({ type: [AccuracyRowDto] }) rows!: AccuracyRowDto[];
}

export class AccuracyResponseDto {
  @ApiProperty({
    type: [AccuracyReportDto],
    description: 'One per target scored (empty before the first score-accuracy job)',
  })
  reports!: AccuracyReportDto[];
}
