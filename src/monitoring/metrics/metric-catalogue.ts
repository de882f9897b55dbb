import { FORECAST_QUALITY_METRICS } from '../forecast-quality.metrics.js';

/** CloudWatch units freshcast publishes in. */
export type CloudWatchUnit = 'Count' | 'Seconds' | 'Milliseconds' | 'Bytes' | 'None';

/**
 * How one Prometheus metric appears in CloudWatch. Labels listed in `dimensions` become dimensions
 * (under the given name); samples are summed over the labels left out (gauges included, so leave
 * out only labels a sum over makes sense). `only` keeps the samples whose label has one of the
 * values. Every metric also gets the Service and Role dimensions, or Service alone with `serviceOnly`.
 */
export interface CloudWatchView {
  name: string;
  unit: CloudWatchUnit;
  dimensions: Readonly<Record<string, string>>;
  only?: Readonly<Record<string, readonly string[]>>;
  /** Multiplies each value (histograms in seconds published in milliseconds: 1000). */
  scale?: number;
  serviceOnly?: boolean;
}

export type PromType = 'counter' | 'gauge' | 'histogram';

/** One metric: its Prometheus name, help, type and labels, and its CloudWatch views. */
export interface MetricSpec {
  name: string;
  help: string;
  type: PromType;
  labels: readonly string[];
  buckets?: readonly number[];
  cloudwatch: readonly CloudWatchView[];
}

const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;
const JOB_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600] as const;

const ms = { unit: 'Milliseconds', scale: 1000 } as const;

/**
 * Every metric freshcast declares, once: Prometheus (/metrics) registers them from here and the
 * CloudWatch drivers (EMF, PutMetricData) publish the views declared here. Counters end in
 * `_total`; model versions (unbounded) only label gauges, never per-request counters.
 */
export const METRIC_CATALOGUE = {
  httpRequests: {
    name: 'freshcast_http_requests_total',
    help: 'HTTP requests by method, route and status code',
    type: 'counter',
    labels: ['method', 'route', 'status'],
    cloudwatch: [
      {
        name: 'RequestCount',
        unit: 'Count',
        dimensions: { route: 'Route', status_class: 'StatusClass' },
      },
    ],
  },
  httpDuration: {
    name: 'freshcast_http_request_duration_seconds',
    help: 'HTTP request latency in seconds by method and route',
    type: 'histogram',
    labels: ['method', 'route'],
    buckets: LATENCY_BUCKETS,
    cloudwatch: [{ name: 'RequestLatency', dimensions: { route: 'Route' }, ...ms }],
  },
  predictions: {
    name: 'freshcast_predictions_total',
    help: 'Forecasts returned, by target, who served them (prod or canary) and whether they came from the cache',
    type: 'counter',
    labels: ['target', 'served_by', 'cached'],
    cloudwatch: [
      {
        name: 'Predictions',
        unit: 'Count',
        dimensions: { target: 'Target', served_by: 'ServedBy' },
      },
    ],
  },
  cacheHits: {
    name: 'freshcast_forecast_cache_hits_total',
    help: 'Forecast requests answered from the forecast cache, by target',
    type: 'counter',
    labels: ['target'],
    cloudwatch: [{ name: 'CacheHits', unit: 'Count', dimensions: { target: 'Target' } }],
  },
  cacheMisses: {
    name: 'freshcast_forecast_cache_misses_total',
    help: 'Forecast requests the cache could not answer (on-demand or unknown), by target',
    type: 'counter',
    labels: ['target'],
    cloudwatch: [{ name: 'CacheMisses', unit: 'Count', dimensions: { target: 'Target' } }],
  },
  onDemandBatches: {
    name: 'freshcast_on_demand_batches_total',
    help: 'Model calls made for on-demand forecasts (each may hold several requests)',
    type: 'counter',
    labels: [],
    cloudwatch: [{ name: 'OnDemandBatches', unit: 'Count', dimensions: {} }],
  },
  modelSwaps: {
    name: 'freshcast_model_swaps_total',
    help: 'Prod model swaps by target',
    type: 'counter',
    labels: ['target'],
    cloudwatch: [{ name: 'ModelSwaps', unit: 'Count', dimensions: { target: 'Target' } }],
  },
  servedModel: {
    name: 'freshcast_served_model_info',
    help: 'The model served per target (value 1)',
    type: 'gauge',
    labels: ['target', 'model_version', 'kind'],
    cloudwatch: [],
  },
  servedDataMismatch: {
    name: 'freshcast_served_model_data_mismatch',
    help: 'Per target: 1 when the served model was trained on other data than the data served now (fingerprints differ), else 0',
    type: 'gauge',
    labels: ['target'],
    cloudwatch: [],
  },
  servedBacktestWape: {
    name: 'freshcast_served_model_backtest_wape',
    help: 'Backtest WAPE (from its manifest) of the prod model served per target',
    type: 'gauge',
    labels: ['target', 'model_version'],
    cloudwatch: [
      {
        name: 'BacktestWape',
        unit: 'None',
        dimensions: { target: 'Target', model_version: 'ModelVersion' },
      },
    ],
  },
  tfBackend: {
    name: 'freshcast_tf_backend_info',
    help: 'The TensorFlow.js backend in use (value 1), once one is initialised',
    type: 'gauge',
    labels: ['backend'],
    cloudwatch: [],
  },
  tfTensors: {
    name: 'freshcast_tf_tensors',
    help: 'Live TensorFlow.js tensors (flat over time unless something leaks)',
    type: 'gauge',
    labels: [],
    cloudwatch: [{ name: 'TfTensors', unit: 'Count', dimensions: {} }],
  },
  tfBytes: {
    name: 'freshcast_tf_tensor_bytes',
    help: 'Bytes held by live TensorFlow.js tensors',
    type: 'gauge',
    labels: [],
    cloudwatch: [{ name: 'TfTensorBytes', unit: 'Bytes', dimensions: {} }],
  },
  shadowPredictions: {
    name: 'freshcast_shadow_predictions_total',
    help: 'Forecasts a shadow candidate computed (not returned), by target',
    type: 'counter',
    labels: ['target'],
    cloudwatch: [],
  },
  shadowAbsDiff: {
    name: 'freshcast_shadow_p50_abs_diff_total',
    help: 'Running total over shadow forecasts of mean |P50 candidate - P50 prod| per day, by target (divide by freshcast_shadow_predictions_total)',
    type: 'counter',
    labels: ['target'],
    cloudwatch: [],
  },
  queueJobs: {
    name: 'freshcast_queue_jobs',
    help: 'Jobs in the queue by job name and state (waiting, active, delayed, failed)',
    type: 'gauge',
    labels: ['name', 'state'],
    cloudwatch: [
      {
        name: 'QueueDepth',
        unit: 'Count',
        dimensions: { name: 'JobName', state: 'State' },
      },
      {
        // What ECS autoscaling targets: waiting + delayed over every job name, Service only.
        name: 'QueueBacklog',
        unit: 'Count',
        dimensions: {},
        only: { state: ['waiting', 'delayed'] },
        serviceOnly: true,
      },
    ],
  },
  jobDuration: {
    name: 'freshcast_job_duration_seconds',
    help: 'Job run time (start to finish of the last attempt) by job name and outcome',
    type: 'histogram',
    labels: ['name', 'outcome'],
    buckets: JOB_BUCKETS,
    cloudwatch: [
      { name: 'JobDuration', dimensions: { name: 'JobName', outcome: 'Outcome' }, ...ms },
    ],
  },
  jobFailures: {
    name: 'freshcast_job_failures_total',
    help: 'Jobs failed for good (no attempt left), by job name',
    type: 'counter',
    labels: ['name'],
    cloudwatch: [{ name: 'JobFailures', unit: 'Count', dimensions: { name: 'JobName' } }],
  },
  trainingDuration: {
    name: 'freshcast_training_duration_seconds',
    help: 'Fit time of trained models by target and kind',
    type: 'histogram',
    labels: ['target', 'kind'],
    buckets: JOB_BUCKETS,
    cloudwatch: [
      {
        name: 'TrainingDuration',
        unit: 'Seconds',
        dimensions: { target: 'Target', kind: 'Kind' },
      },
    ],
  },
  trainingFinalLoss: {
    name: 'freshcast_training_final_loss',
    help: 'Final training loss of the last model trained, by target and kind',
    type: 'gauge',
    labels: ['target', 'kind'],
    cloudwatch: [
      { name: 'TrainingFinalLoss', unit: 'None', dimensions: { target: 'Target', kind: 'Kind' } },
    ],
  },
  cloudwatchDropped: {
    name: 'freshcast_cloudwatch_dropped_datums_total',
    help: 'CloudWatch datums dropped (oldest first) because the buffer was full while CloudWatch was unreachable',
    type: 'counter',
    labels: [],
    cloudwatch: [],
  },
} as const satisfies Record<string, MetricSpec>;

export type MetricKey = keyof typeof METRIC_CATALOGUE;

/**
 * CloudWatch views of metrics registered elsewhere: prom-client's default Node metrics and the
 * forecast-monitoring gauges (declared in forecast-quality.metrics.ts).
 */
export const EXTERNAL_CLOUDWATCH_VIEWS: Readonly<Record<string, readonly CloudWatchView[]>> = {
  nodejs_eventloop_lag_p99_seconds: [{ name: 'EventLoopLagP99', dimensions: {}, ...ms }],
  nodejs_heap_size_used_bytes: [{ name: 'HeapUsed', unit: 'Bytes', dimensions: {} }],
  process_resident_memory_bytes: [{ name: 'Rss', unit: 'Bytes', dimensions: {} }],
  [FORECAST_QUALITY_METRICS.liveWape.name]: [
    {
      name: 'LiveWape',
      unit: 'None',
      dimensions: { target: 'Target', model_version: 'ModelVersion', window_days: 'WindowDays' },
      only: { horizon_bucket: ['all'] },
    },
  ],
  [FORECAST_QUALITY_METRICS.driftedShare.name]: [
    { name: 'DriftedFeatureShare', unit: 'None', dimensions: { target: 'Target' } },
  ],
  [FORECAST_QUALITY_METRICS.driftPsi.name]: [
    {
      name: 'PredictionDriftPsi',
      unit: 'None',
      dimensions: { target: 'Target' },
      only: { feature: ['predictions_p50'] },
    },
  ],
  [FORECAST_QUALITY_METRICS.alertsFired.name]: [
    { name: 'AlertsFired', unit: 'Count', dimensions: { rule: 'Rule', severity: 'Severity' } },
  ],
};

/** Derived label values: `status_class` (2xx, 4xx, ...) from `status`. */
export function derivedLabel(
  labels: Readonly<Record<string, string | number>>,
  name: string,
): string | undefined {
  if (name === 'status_class') {
    const status = labels.status;
    return status === undefined ? undefined : `${String(status).charAt(0)}xx`;
  }
  const v = labels[name];
  return v === undefined ? undefined : String(v);
}

/** Every CloudWatch view by Prometheus metric name. */
export function cloudWatchViews(): Map<string, readonly CloudWatchView[]> {
  const views = new Map<string, readonly CloudWatchView[]>();
  for (const spec of Object.values(METRIC_CATALOGUE) as MetricSpec[])
    if (spec.cloudwatch.length > 0) views.set(spec.name, spec.cloudwatch);
  for (const [name, v] of Object.entries(EXTERNAL_CLOUDWATCH_VIEWS)) views.set(name, v);
  return views;
}
