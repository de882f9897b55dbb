import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { DatasetModule } from '../data/dataset.module.js';
import { ActualsController } from './actuals.controller.js';
import { ForecastMonitoringController } from './forecast-monitoring.controller.js';
import { ForecastMonitoringService } from './forecast-monitoring.service.js';
import { MonitoringStoreModule } from './monitoring-store.module.js';

export interface ForecastMonitoringModuleOptions {
  /** Modules the canary control below depends on (serving's, in the app). */
  imports: ModuleMetadata['imports'];
  /** The provider of CANARY_CONTROL (src/monitoring/canary/canary-control.ts). */
  canaryControl: Provider;
}

/**
 * Forecast monitoring in the API: POST /data/actuals, GET /monitoring/{accuracy,drift,alerts}, and
 * the reactions to the monitoring jobs (gauges, alerts, canary verdicts). Needs the global job queue,
 * registry and MonitoringModule (metrics); the app module passes serving's canary control in.
 */
@Module({})
export class ForecastMonitoringModule {
  static forRoot(options: ForecastMonitoringModuleOptions): DynamicModule {
    return {
      module: ForecastMonitoringModule,
      imports: [MonitoringStoreModule, DatasetModule, ...(options.imports ?? [])],
      controllers: [ActualsController, ForecastMonitoringController],
      providers: [ForecastMonitoringService, options.canaryControl],
      exports: [ForecastMonitoringService],
    };
  }
}
