import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import type { JobsRuntime } from '../../jobs/jobs-runtime.js';
import { JOBS_RUNTIME } from '../../jobs/jobs.tokens.js';
import { MetricsService } from '../metrics.service.js';
import { cloudWatchViews } from '../metrics/metric-catalogue.js';
import { counterOf } from '../metrics/prom-metrics.js';
import { CloudWatchAggregator } from './cloudwatch-aggregator.js';
import { emfLines } from './emf-lines.js';
import { PutMetricDataSender } from './put-metric-data.sender.js';

/** Where EMF lines go (stdout: what ECS/awslogs and Lambda ship to CloudWatch Logs). */
export const EMF_OUTPUT = Symbol('EMF_OUTPUT');
export type EmfOutput = (line: string) => void;

/**
 * Publishes the catalogue's CloudWatch views every `metrics.cloudwatch.flushIntervalSec`:
 * `emf` writes Embedded Metric Format lines, `api` calls PutMetricData; `off` does nothing. A flush
 * aggregates the interval (never a line or call per request) and never blocks a request.
 */
@Injectable()
export class CloudWatchPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CloudWatch');
  private readonly aggregator: CloudWatchAggregator;
  private readonly sender: PutMetricDataSender | null = null;
  private client: CloudWatchClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private lastError = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    @Optional() @Inject(JOBS_RUNTIME) runtime?: JobsRuntime,
    @Optional() @Inject(EMF_OUTPUT) private readonly output?: EmfOutput,
  ) {
    const cw = config.metrics.cloudwatch;
    this.aggregator = new CloudWatchAggregator(cloudWatchViews(), {
      service: cw.service,
      role: runtime?.role ?? process.env.FRESHCAST_ROLE ?? 'all',
    });
    if (cw.mode === 'api') {
      this.client = new CloudWatchClient({
        ...(cw.region !== '' ? { region: cw.region } : {}),
        ...(cw.endpoint !== '' ? { endpoint: cw.endpoint } : {}),
        // The sender retries (and keeps what fails); one SDK attempt per call.
        maxAttempts: 1,
      });
      const dropped = counterOf(metrics.registry, 'cloudwatchDropped');
      this.sender = new PutMetricDataSender({
        client: this.client,
        namespace: cw.namespace,
        maxBuffered: cw.maxBufferedDatums,
        maxAttempts: cw.maxAttempts,
        retryBaseMs: cw.retryBaseMs,
        onDropped: (n) => dropped.inc(n),
        onError: (m) => this.warn(m),
      });
    }
  }

  onApplicationBootstrap(): void {
    const cw = this.config.metrics.cloudwatch;
    if (cw.mode === 'off') return;
    this.logger.log(
      `publishing to CloudWatch (${cw.mode}, namespace ${cw.namespace}) every ${cw.flushIntervalSec} s`,
    );
    this.timer = setInterval(() => void this.flush(), cw.flushIntervalSec * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.config.metrics.cloudwatch.mode !== 'off') await this.flush();
    this.client?.destroy();
  }

  /** Publishes what was aggregated since the last flush (one flush at a time). */
  flush(): Promise<void> {
    this.flushing ??= this.publish().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Datums waiting for PutMetricData (api mode). */
  buffered(): number {
    return this.sender?.buffered ?? 0;
  }

  private async publish(): Promise<void> {
    try {
      const datums = this.aggregator.collect(await this.metrics.registry.getMetricsAsJSON());
      if (this.config.metrics.cloudwatch.mode === 'emf') {
        const write = this.output ?? ((line: string) => process.stdout.write(`${line}\n`));
        for (const line of emfLines(datums, this.config.metrics.cloudwatch.namespace)) write(line);
      } else if (this.sender) {
        this.sender.enqueue(datums);
        await this.sender.drain();
      }
    } catch (err) {
      this.warn(`flush failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** At most one warning a minute: CloudWatch down must not flood the logs. */
  private warn(message: string): void {
    const now = Date.now();
    if (now - this.lastError < 60_000) return;
    this.lastError = now;
    this.logger.warn(message);
  }
}
