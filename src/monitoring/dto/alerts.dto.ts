import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { AlertRule, AlertSeverity } from '../alerts/alert.types.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

export class AlertsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AlertDeliveryDto {
  @ApiProperty({ example: 'https://hooks.slack.com/services/…' }) channel!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: Number }) status!: number | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

export class AlertRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty() fired_at!: string;
  @ApiProperty({ enum: ['accuracy-degraded', 'coverage', 'drift', 'job-failures', 'stale-data'] })
  rule!: AlertRule;
  @ApiProperty({ enum: ['info', 'warning', 'critical'] }) severity!: AlertSeverity;
  @ApiProperty({ example: 'quantity/quantity-lstm-…', description: 'With the rule, the dedup key' })
  subject!: string;
  @ApiProperty() title!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) figures!: Record<
    string,
    number | string | null
  >;
  @ApiProperty({ type: [AlertDeliveryDto], description: 'Empty until delivery finished' })
  deliveries!: AlertDeliveryDto[];
}

export class AlertsResponseDto {
  @ApiProperty({ type: [AlertRecordDto], description: 'Newest first' }) alerts!: AlertRecordDto[];
}
