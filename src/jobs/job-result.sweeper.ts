import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import { JOB_NAMES } from '../common/job-names.js';
import { jobNameOfId } from './job-id.js';
import { JOB_QUEUE, type JobQueue } from './job-queue.port.js';
import { jobIdOfResultKey } from './job-result.pointer.js';

/**
 * Deletes the stored results (`jobs/<name>/<id>/result.json`) of jobs the queue no longer holds:
 * retention drops finished jobs (in Redis, or in memory) without touching the artifact store, so
 * without this every large result would stay forever. Runs at start and every `jobs.resultSweepSec`;
 * a result is deleted only when the queue answers that its job does not exist (never while Redis is
 * unreachable, never for a job name it does not know).
 */
@Injectable()
export class JobResultSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobResultSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.jobs.resultSweepSec * 1000;
    if (everyMs <= 0) return;
    const run = (): void => {
      this.sweep().catch((err: unknown) =>
        this.logger.warn(`job result sweep stopped: ${String(err)}`),
      );
    };
    setTimeout(run, 0).unref();
    this.timer = setInterval(run, everyMs).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass (concurrent callers share it): the number of results deleted. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    let deleted = 0;
    for (const key of await this.store.list('jobs/')) {
      const id = jobIdOfResultKey(key);
      if (id === null || jobNameOfId(id, JOB_NAMES) === null) continue;
      if ((await this.queue.get(id)) !== null) continue;
      await this.store.delete(key);
      deleted += 1;
    }
    if (deleted > 0) this.logger.log(`deleted ${deleted} result(s) of jobs no longer kept`);
    return deleted;
  }
}
