import { z } from 'zod';
import { booleanFlag } from './boolean-flag.js';

/**
 * `metrics` section: Prometheus runtime metrics and the CloudWatch drivers. Every key has a default
 * (CloudWatch off).
 */
export const metricsConfigSchema = z.object({
  /** prom-client's process and Node runtime metrics (event-loop lag, GC, heap, RSS, handles). */
  defaultMetrics: booleanFlag.default(true),
  /** Count and time every HTTP request per route and status (`freshcast_http_*`). */
  requestMetrics: booleanFlag.default(true),
  cloudwatch: z
    .object({
      /** off; emf: Embedded Metric Format lines on stdout; api: PutMetricData. */
      mode: z.enum(['off', 'emf', 'api']).default('off'),
      namespace: z.string().min(1).max(255).default('Freshcast'),
      /** Value of the Service dimension (QueueBacklog, the autoscaling metric, has only this one). */
      service: z.string().min(1).max(255).default('freshcast'),
      /** Seconds between two flushes (each one publishes what the interval aggregated). */
      flushIntervalSec: z.coerce.number().min(1).max(3600).default(60),
      /** PutMetricData only: region and endpoint (empty: the SDK's defaults). */
      region: z.string().default(''),
      endpoint: z.string().default(''),
      /** Datums kept while CloudWatch is unreachable; the oldest are dropped beyond this. */
      maxBufferedDatums: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
      /** Attempts per PutMetricData call on throttling or a network error, with doubling backoff. */
      maxAttempts: z.coerce.number().int().min(1).max(10).default(4),
      retryBaseMs: z.coerce.number().int().min(1).max(60_000).default(200),
    })
    .prefault({}),
});
export type MetricsConfig = z.output<typeof metricsConfigSchema>;
