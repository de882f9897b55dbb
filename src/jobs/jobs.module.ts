import { Logger, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { JOB_CATALOG } from './job-catalog.js';
import type { JobProcessor } from './job-processor.types.js';
import { createJobQueue } from './job-queue.factory.js';
import { JOB_QUEUE } from './job-queue.port.js';
import { JobsLifecycleService } from './jobs-lifecycle.service.js';
import { LocalJobRuns } from './local-job-runs.js';
import { resolveJobsRuntime, type JobsRuntime, type JobsRuntimeOptions } from './jobs-runtime.js';
import { JOB_PROCESSORS, JOBS_RUNTIME } from './jobs.tokens.js';
import type { JobProcessorBundle } from './job-processor.bundle.js';

export interface JobsModuleOptions extends JobsRuntimeOptions {
  /**
   * The processors this process runs: the app and worker modules pass JOB_PROCESSOR_BUNDLE
   * (src/jobs/processors/index.ts), so the queue never imports the processors above it.
   */
  processors: JobProcessorBundle;
}

/**
 * The job system for the app (global): JOB_QUEUE is the BullMQ adapter when `queue.redisUrl` is
 * set, else in-process (not durable, said at boot). FRESHCAST_ROLE decides whether this process
 * runs jobs (`all`, `worker`) or only submits them (`api`).
 */
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    const bundle = options.processors;
    return {
      module: JobsModule,
      global: true,
      imports: [...bundle.imports],
      providers: [
        ...bundle.processors,
        {
          provide: JOB_PROCESSORS,
          useFactory: (...processors: JobProcessor[]) => processors,
          inject: [...bundle.processors],
        },
        {
          provide: JOBS_RUNTIME,
          useFactory: (config: AppConfig) => resolveJobsRuntime(config, options),
          inject: [APP_CONFIG],
        },
        {
          provide: JOB_QUEUE,
          useFactory: (runtime: JobsRuntime) =>
            createJobQueue({
              redisUrl: runtime.redisUrl,
              catalog: JOB_CATALOG,
              settings: runtime.jobs,
              logger: new Logger('JobQueue'),
            }),
          inject: [JOBS_RUNTIME],
        },
        { provide: LocalJobRuns, useFactory: () => new LocalJobRuns() },
        JobsLifecycleService,
      ],
      // JOBS_RUNTIME and LocalJobRuns: the queue metrics of a process that runs jobs need them.
      exports: [JOB_QUEUE, JOBS_RUNTIME, LocalJobRuns],
    };
  }
}
