import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { AppConfigModule } from '../config/config.module.js';
import { JobsModule, type JobsModuleOptions } from './jobs.module.js';

/** Root module of the worker process (`freshcast worker`, FRESHCAST_ROLE=worker): config + jobs, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, jobs: Omit<JobsModuleOptions, 'role'> = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), JobsModule.forRoot({ ...jobs, role: 'worker' })],
    };
  }
}
