import { ApiProperty } from '@nestjs/swagger';
import { TARGETS, type Target } from '../../data/series-panel.js';

export class FeatureDriftDto {
  @ApiProperty({ example: 'price' }) feature!: string;
  @ApiProperty({ nullable: true, type: Number, example: 0.31 }) psi!: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.22 }) ks!: number;
  @ApiProperty({ nullable: true, type: Number }) ks_p_value!: number;
  @ApiProperty({ enum: ['ok', 'warn', 'alert'] }) status!: 'ok' | 'warn' | 'alert';
  @ApiProperty() reference_count!: number;
  @ApiProperty() current_count!: number;
  @ApiProperty() reference_mean!: number;
  @ApiProperty({ nullable: true, type: Number }) current_mean!: number;
  @ApiProperty({ type: [Number], description: 'Inner bin edges (reference deciles)' })
  edges!: number[];
  @ApiProperty({ type: [Number] }) reference_shares!: number[];
  @ApiProperty({ type: [Number] }) current_shares!: number[];
}

export class DriftReportDto {
  @ApiProperty({ enum: TARGETS }) target!: Target;
  @ApiProperty() model_version!: string;
  @ApiProperty() generated_at!: string;
  @ApiProperty({ example: { from: '2023-04-02', to: '2023-06-30' } })
  reference!: { from: string; to: string };
  @ApiProperty({ example: { from: '2023-06-03', to: '2023-06-30' } })
  recent!: { from: string; to: string };
  @ApiProperty({ example: 0.1 }) psi_warn!: number;
  @ApiProperty({ example: 0.25 }) psi_alert!: number;
  @ApiProperty({ example: 0.2 }) drifted_share!: number;
  @ApiProperty({ enum: ['ok', 'warn', 'alert'] }) status!: 'ok' | 'warn' | 'alert';
  @ApiProperty({ type: [FeatureDriftDto] }) features!: FeatureDriftDto[];
  @ApiProperty({ type: FeatureDriftDto, nullable: true }) predictions!: FeatureDriftDto | null;
}

export class DriftResponseDto {
  @ApiProperty({ type: [DriftReportDto] }) reports!: DriftReportDto[];
}
