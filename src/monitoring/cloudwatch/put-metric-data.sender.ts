import {
  CloudWatchClient,
  PutMetricDataCommand,
  type MetricDatum,
} from '@aws-sdk/client-cloudwatch';
import type { CloudWatchDatum } from './datum.types.js';

/** PutMetricData service limit: metric data per call. */
export const MAX_DATUMS_PER_CALL = 1000;

export interface SenderOptions {
  client: CloudWatchClient;
  namespace: string;
  maxBuffered: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** Called with how many datums were dropped (buffer full), for the dropped counter. */
  onDropped: (count: number) => void;
  onError: (message: string) => void;
}

function isRetryable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return true;
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'Throttling' || e.name === 'ThrottlingException') return true;
  // No HTTP answer (connection refused, timeout) or a server error: CloudWatch unreachable.
  return status === undefined || status >= 500;
}

export function toMetricDatum(d: CloudWatchDatum): MetricDatum {
  const base: MetricDatum = {
    MetricName: d.name,
    Unit: d.unit,
    Timestamp: d.timestamp,
    Dimensions: d.dimensions.map(([Name, Value]) => ({ Name, Value })),
  };
  if (!d.distribution) return { ...base, Value: d.value ?? 0 };
  return { ...base, Values: d.distribution.values, Counts: d.distribution.counts };
}

/**
 * PutMetricData driver: datums wait in a bounded buffer (the oldest dropped and counted when it is
 * full) and leave in calls of at most 1,000, retried with doubling backoff on throttling or when
 * CloudWatch cannot be reached; what still fails goes back to the buffer for the next flush.
 * `enqueue` never waits; one drain runs at a time.
 */
export class PutMetricDataSender {
  private buffer: MetricDatum[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly opts: SenderOptions) {}

  get buffered(): number {
    return this.buffer.length;
  }

  enqueue(datums: CloudWatchDatum[]): void {
    this.buffer.push(...datums.map(toMetricDatum));
    this.trim();
  }

  /** Sends what is buffered; resolves when done (or when the current drain is). */
  drain(): Promise<void> {
    this.draining ??= this.run().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private trim(): void {
    const over = this.buffer.length - this.opts.maxBuffered;
    if (over > 0) {
      this.buffer.splice(0, over);
      this.opts.onDropped(over);
    }
  }

  private async run(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, MAX_DATUMS_PER_CALL);
      const sent = await this.send(batch);
      if (!sent) {
        this.buffer.unshift(...batch);
        this.trim();
        return;
      }
    }
  }

  /** True when CloudWatch took the batch (or refused it for good: it is not retried then). */
  private async send(batch: MetricDatum[]): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.opts.client.send(
          new PutMetricDataCommand({ Namespace: this.opts.namespace, MetricData: batch }),
        );
        return true;
      } catch (err) {
        const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        if (!isRetryable(err)) {
          this.opts.onError(`PutMetricData refused ${batch.length} datums: ${message}`);
          return true;
        }
        if (attempt >= this.opts.maxAttempts) {
          this.opts.onError(
            `PutMetricData failed ${attempt} times (${message}); kept for the next flush`,
          );
          return false;
        }
        const delay = this.opts.retryBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
