import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { JobName } from '../common/job-names.js';
import { JOB_QUEUE, type JobEvent, type JobQueue } from '../jobs/job-queue.port.js';
import { DatasetService } from '../data/dataset.service.js';
import { FirstStartService } from '../startup/first-start.service.js';
import { ServedModelsService } from './served-models.service.js';
import { errorMessage } from '../common/errors/error-message.js';

/**
 * Keeps the API's forecast cache in step with the data: watches `data.dir` every
 * `data.watchIntervalSec` and submits a `refresh-forecasts` job when its files change (one job per
 * change: the idempotency key is the files' signature), and when any refresh-forecasts job
 * completes (here or on a worker) reloads the data and the served models, whose new caches the job
 * has saved.
 */
@Injectable()
export class ForecastRefreshListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ForecastRefreshListener.name);
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly datasets: DatasetService,
    private readonly firstStart: FirstStartService,
    private readonly served: ServedModelsService,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs
      .onEvent((e) => this.onJobEvent(e))
      .then((off) => (this.unsubscribe = off))
      .catch((err: unknown) =>
        this.logger.warn(`not listening for refresh-forecasts jobs: ${errorMessage(err)}`),
      );
    const every = this.config.data.watchIntervalSec;
    if (every > 0) {
      this.timer = setInterval(() => void this.checkData(), every * 1000);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /** Submits a refresh when the data files changed since they were loaded; returns the job id, if any. */
  async checkData(): Promise<string | null> {
    if (this.checking || this.datasets.loaded === null || this.firstStart.state.phase !== 'ready')
      return null;
    this.checking = true;
    try {
      const signature = await this.datasets.changedSignature();
      if (signature === null) return null;
      const key = `data-${createHash('sha256').update(signature).digest('hex').slice(0, 32)}`;
      const { id, deduplicated } = await this.jobs.add(
        JobName.RefreshForecasts,
        {},
        { idempotencyKey: key },
      );
      if (!deduplicated) this.logger.log(`data files changed: refreshing forecasts (job ${id})`);
      return id;
    } catch (err) {
      this.logger.warn(`could not check the data for changes: ${errorMessage(err)}`);
      return null;
    } finally {
      this.checking = false;
    }
  }

  private onJobEvent(e: JobEvent): void {
    if (e.type !== 'completed' || e.name !== JobName.RefreshForecasts) return;
    void this.reload(e.id);
  }

  private async reload(jobId: string): Promise<void> {
    try {
      await this.datasets.reloadIfChanged();
      await this.served.refreshAll();
      this.logger.log(`forecast cache reloaded after ${jobId}`);
    } catch (err) {
      this.logger.warn(`could not reload after ${jobId}: ${errorMessage(err)}`);
    }
  }
}
