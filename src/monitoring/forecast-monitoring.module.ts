import { Module } from '@nestjs/common';
import { DatasetModule } from '../data/dataset.module.js';
import { ServingModule } from '../serving/serving.module.js';
import { ActualsController } from './actuals.controller.js';
import { ForecastMonitoringController } from './forecast-monitoring.controller.js';
import { ForecastMonitoringService } from './forecast-monitoring.service.js';
import { MonitoringStoreModule } from './monitoring-store.module.js';

/**
 * Forecast monitoring in the API: POST /data/actuals, GET /monitoring/{accuracy,drift,alerts}, and
 * the reactions to the monitoring jobs (gauges, alerts, canary verdicts). Needs the global job queue,
 * registry and MonitoringModule (metrics).
 */
@Module({
  imports: [MonitoringStoreModule, ServingModule, DatasetModule],
  controllers: [ActualsController, ForecastMonitoringController],
  providers: [ForecastMonitoringService],
  exports: [ForecastMonitoringService],
})
export class ForecastMonitoringModule {}
