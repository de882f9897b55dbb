import { ApiProperty } from '@nestjs/swagger';
import type { HealthCheckStatus, HealthIndicatorResult } from '@nestjs/terminus';
import type { QueueMode } from '../runtime-info.js';

/** GET /health/live body. */
export class LivenessResponseDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';

  @ApiProperty({ example: 3600.5, description: 'Seconds since the process started' })
  uptime_s!: number;
}

/** GET /health and GET /health/ready body. */
export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'error', 'shutting_down'], example: 'ok' })
  status!: HealthCheckStatus;

  @ApiProperty({ example: true, description: 'Every readiness check is up' })
  ready!: boolean;

  @ApiProperty({
    type: [String],
    example: [],
    description: 'Names of the checks that are down (e.g. `models`, `redis`)',
  })
  failing!: string[];

  @ApiProperty({ example: '0.1.0', description: 'freshcast version (package.json)' })
  version!: string;

  @ApiProperty({ example: 3600.5, description: 'Seconds since the process started' })
  uptime_s!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'wasm',
    description: 'TensorFlow.js backend in use; null until the forecasting backend is initialised',
  })
  tf_backend!: string | null;

  @ApiProperty({ enum: ['redis', 'in-process'], example: 'in-process' })
  queue_mode!: QueueMode;

  @ApiProperty({ example: '2024-05-01T12:00:00.000Z', format: 'date-time' })
  timestamp!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { redis: { status: 'up', latency_ms: 0.4 } },
    description: 'Result of each health indicator by name ({status: up | degraded | down, ...})',
  })
  checks!: HealthIndicatorResult;
}
