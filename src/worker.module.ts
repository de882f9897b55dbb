import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config.schema.js';
import { AppConfigModule } from './config/config.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { JobsModule, type JobsModuleOptions } from './jobs/jobs.module.js';
import { JOB_PROCESSOR_BUNDLE } from './jobs/processors/index.js';

/**
 * Root module of the worker process (`freshcast worker`, FRESHCAST_ROLE=worker): config, the model
 * registry (global, built once here as in the API) and the jobs with their processors; no HTTP.
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
        RegistryModule.forRoot(config.registry),
        JobsModule.forRoot({ ...jobs, role: 'worker', processors: JOB_PROCESSOR_BUNDLE }),
      ],
    };
  }
}
