import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/**
 * GET /metrics; MetricsService is available app-wide. Request counts and latency come from
 * `requestMetricsHook`, which `configureApp` installs as a Fastify `onResponse` hook.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MonitoringModule {}
