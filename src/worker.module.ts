import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config.schema.js';
import { AppConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { workerReadinessProvider } from './health/worker-readiness.provider.js';
import { RegistryModule } from './registry/registry.module.js';
import { JobsModule, type JobsModuleOptions } from './jobs/jobs.module.js';
import { JOB_PROCESSOR_BUNDLE } from './jobs/processors/index.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { StorageModule } from './storage/storage.module.js';
import { WorkerHttpServer } from './worker-http.server.js';

/**
 * Root module of the worker process (`freshcast worker`, FRESHCAST_ROLE=worker): config, the model
 * registry (global, built once here as in the API), the jobs with their processors, the metrics
 * and CloudWatch publishing (MonitoringModule: queue depth, job durations and failures, tf tensors,
 * runtime), the worker's readiness checks, and WorkerHttpServer, which serves them when
 * `jobs.workerPort` is set. No API.
 */
@Module({})
export class WorkerModule {
  static forRoot(
    config: AppConfig,
    jobs: Omit<JobsModuleOptions, 'role' | 'processors'> = {},
  ): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        RegistryModule.forRoot(),
        JobsModule.forRoot({ ...jobs, role: 'worker', processors: JOB_PROCESSOR_BUNDLE }),
        MonitoringModule,
        HealthModule.forRoot({ imports: [StorageModule], providers: [workerReadinessProvider] }),
      ],
      providers: [WorkerHttpServer],
    };
  }
}
