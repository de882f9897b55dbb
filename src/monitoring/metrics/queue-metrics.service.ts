import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  COUNTED_STATES,
  JOB_QUEUE,
  type JobEvent,
  type JobQueue,
} from '../../jobs/job-queue.port.js';
import type { JobsRuntime } from '../../jobs/jobs-runtime.js';
import { JOBS_RUNTIME } from '../../jobs/jobs.tokens.js';
import { LocalJobRuns } from '../../jobs/local-job-runs.js';
import { MetricsService } from '../metrics.service.js';
import { gaugeOf } from './prom-metrics.js';

/** A scrape never waits longer than this for the queue's counts (Redis may be gone). */
const COUNTS_TIMEOUT_MS = 1000;
const FINAL = new Set(['completed', 'failed', 'cancelled']);

function seconds(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

/**
 * Queue metrics: jobs per name and state (read on each scrape or CloudWatch flush), and, in a
 * process that runs jobs, their durations, failures and the fit time and final loss of trained
 * models (from the queue's events, for the jobs this process ran). Absent job system (a test app):
 * nothing.
 */
@Injectable()
export class QueueMetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueMetricsService.name);
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly metrics: MetricsService,
    @Optional() @Inject(JOB_QUEUE) private readonly queue?: JobQueue,
    @Optional() @Inject(JOBS_RUNTIME) private readonly runtime?: JobsRuntime,
    @Optional() private readonly localRuns?: LocalJobRuns,
  ) {
    const jobs = this.queue;
    if (!jobs) return;
    const gauge = gaugeOf(metrics.registry, 'queueJobs', async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const counts = await Promise.race([
          jobs.counts(),
          new Promise<null>((resolve) => {
            timer = setTimeout(() => resolve(null), COUNTS_TIMEOUT_MS);
          }),
        ]);
        if (counts === null) return;
        gauge.reset();
        for (const [name, byState] of Object.entries(counts))
          for (const state of COUNTED_STATES) gauge.set({ name, state }, byState[state]);
      } catch {
        // Queue unreachable: keep the last counts (readiness says Redis is down).
      } finally {
        clearTimeout(timer);
      }
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue || !this.runtime?.processes) return;
    try {
      this.unsubscribe = await this.queue.onEvent((e) => void this.onEvent(e));
    } catch (err) {
      this.logger.warn(`job metrics off: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  private async onEvent(event: JobEvent): Promise<void> {
    if (!this.queue || !FINAL.has(event.type)) return;
    // Every process hears every job's events: count only the jobs run here (once per fleet).
    if (this.localRuns && !this.localRuns.take(event.id)) return;
    try {
      const job = await this.queue.get(event.id);
      this.metrics.observeJob(
        event.name,
        event.type,
        job ? seconds(job.startedAt, job.finishedAt) : null,
      );
      if (job?.name === 'train' && job.state === 'completed' && job.result) {
        for (const c of job.result.candidates)
          this.metrics.observeTraining(job.result.target, c.kind, c.fit.seconds, c.fit.finalLoss);
      }
    } catch {
      this.metrics.observeJob(event.name, event.type, null);
    }
  }
}
