import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { QueueMetricsService } from './metrics/queue-metrics.service.js';
import { CloudWatchPublisher } from './cloudwatch/cloudwatch-publisher.service.js';

/**
 * GET /metrics; MetricsService is available app-wide. Request counts and latency come from
 * `requestMetricsObserver`, which `configureApp` installs in its one `onResponse` hook.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, QueueMetricsService, CloudWatchPublisher],
  exports: [MetricsService, CloudWatchPublisher],
})
export class MonitoringModule {}
