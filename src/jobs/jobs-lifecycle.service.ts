import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { FreshcastJobCatalog } from './job-catalog.js';
import { JOB_NAMES, type JobName } from '../common/job-names.js';
import type { JobProcessor } from './job-processor.types.js';
import { describeJobMode } from './job-queue.factory.js';
import { JOB_QUEUE, type JobSystem } from './job-queue.port.js';
import type { JobsRuntime } from './jobs-runtime.js';
import { JOB_PROCESSORS, JOBS_RUNTIME } from './jobs.tokens.js';
import { LocalJobRuns } from './local-job-runs.js';

/** Registers the processors, starts processing (by role), syncs schedules; closes gracefully on shutdown. */
@Injectable()
export class JobsLifecycleService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsLifecycleService.name);

  constructor(
    @Inject(JOB_QUEUE) private readonly system: JobSystem<FreshcastJobCatalog>,
    @Inject(JOB_PROCESSORS) private readonly processors: JobProcessor[],
    @Inject(JOBS_RUNTIME) private readonly runtime: JobsRuntime,
    private readonly localRuns: LocalJobRuns,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const p of this.processors) {
      this.system.registerProcessor(p.jobName, (ctx) => {
        this.localRuns.started(ctx.id);
        return p.process(ctx);
      });
    }
    const names = this.processingNames();
    this.logger.log(
      describeJobMode(this.runtime.mode, this.runtime.redisUrl, this.runtime.role, names),
    );
    if (names.length > 0) await this.system.startProcessing({ names });
    if (this.runtime.mode === 'bullmq' || this.runtime.jobs.schedules.length > 0) {
      await this.system.syncSchedules(this.runtime.jobs.schedules);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.system.close({ graceMs: this.runtime.jobs.shutdownGraceMs });
  }

  private processingNames(): JobName[] {
    if (!this.runtime.processes) return [];
    const wanted = this.runtime.jobs.processNames ?? [...JOB_NAMES];
    if (this.runtime.requireAllProcessors) return wanted;
    const registered = new Set(this.processors.map((p) => p.jobName));
    const missing = wanted.filter((n) => !registered.has(n));
    if (missing.length > 0) {
      this.logger.warn(
        `no processor yet for ${missing.join(', ')}: those jobs queue up unprocessed`,
      );
    }
    return wanted.filter((n) => registered.has(n));
  }
}
