import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { METRIC_HELP, METRIC_NAMES } from './metric-names.js';
import { tfMemory } from '../forecasting/tf/tf-memory.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The app's Prometheus metrics on a Registry of its own (never prom-client's global one, so several
 * apps in one process do not clash). Other modules call these methods and never see prom-client.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: METRIC_NAMES.httpRequests,
    help: METRIC_HELP.httpRequests,
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: METRIC_NAMES.httpDuration,
    help: METRIC_HELP.httpDuration,
    labelNames: ['method', 'route'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly predictions = new Counter({
    name: METRIC_NAMES.predictions,
    help: METRIC_HELP.predictions,
    labelNames: ['target', 'model_version', 'cached'],
    registers: [this.registry],
  });
  private readonly hits = new Counter({
    name: METRIC_NAMES.cacheHits,
    help: METRIC_HELP.cacheHits,
    labelNames: ['target'],
    registers: [this.registry],
  });
  private readonly misses = new Counter({
    name: METRIC_NAMES.cacheMisses,
    help: METRIC_HELP.cacheMisses,
    labelNames: ['target'],
    registers: [this.registry],
  });
  private readonly batches = new Counter({
    name: METRIC_NAMES.onDemandBatches,
    help: METRIC_HELP.onDemandBatches,
    registers: [this.registry],
  });
  private readonly shadow = new Counter({
    name: METRIC_NAMES.shadowPredictions,
    help: METRIC_HELP.shadowPredictions,
    labelNames: ['target', 'model_version'],
    registers: [this.registry],
  });
  private readonly shadowDiff = new Counter({
    name: METRIC_NAMES.shadowAbsDiff,
    help: METRIC_HELP.shadowAbsDiff,
    labelNames: ['target', 'model_version'],
    registers: [this.registry],
  });
  private readonly swaps = new Counter({
    name: METRIC_NAMES.modelSwaps,
    help: METRIC_HELP.modelSwaps,
    labelNames: ['target'],
    registers: [this.registry],
  });
  private readonly served = new Gauge({
    name: METRIC_NAMES.servedModel,
    help: METRIC_HELP.servedModel,
    labelNames: ['target', 'model_version', 'kind'],
    registers: [this.registry],
  });

  private readonly tf = new Gauge({
    name: METRIC_NAMES.tfBackend,
    help: METRIC_HELP.tfBackend,
    labelNames: ['backend'],
    registers: [this.registry],
    collect: () => {
      const m = tfMemory();
      if (m) {
        this.tf.reset();
        this.tf.set({ backend: m.backend }, 1);
      }
    },
  });
  private readonly tensors = new Gauge({
    name: METRIC_NAMES.tfTensors,
    help: METRIC_HELP.tfTensors,
    registers: [this.registry],
    collect: () => {
      const m = tfMemory();
      if (m) this.tensors.set(m.tensors);
    },
  });

  /** Whoever initialises TensorFlow.js tells the name of the backend (`wasm`, `node`, ...). */
  setTfBackend(backend: string): void {
    this.tf.reset();
    this.tf.set({ backend }, 1);
  }

  /** One answered HTTP request (≈ 2 µs: a counter `inc` and a histogram `observe`). */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  countPrediction(target: string, modelVersion: string, cached: boolean): void {
    this.predictions.inc({ target, model_version: modelVersion, cached: String(cached) });
    (cached ? this.hits : this.misses).inc({ target });
  }

  /** A shadow candidate's forecast, compared with what prod returned. */
  countShadow(target: string, modelVersion: string, meanAbsP50Diff: number): void {
    this.shadow.inc({ target, model_version: modelVersion });
    this.shadowDiff.inc({ target, model_version: modelVersion }, meanAbsP50Diff);
  }

  countCacheMiss(target: string): void {
    this.misses.inc({ target });
  }

  countOnDemandBatch(): void {
    this.batches.inc();
  }

  modelSwapped(target: string, modelVersion: string, kind: string): void {
    this.swaps.inc({ target });
    this.served.reset();
    this.servedLabels.set(target, { target, model_version: modelVersion, kind });
    for (const labels of this.servedLabels.values()) this.served.set(labels, 1);
  }

  private readonly servedLabels = new Map<
    string,
    { target: string; model_version: string; kind: string }
  >();

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
