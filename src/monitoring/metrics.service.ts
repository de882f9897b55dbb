import { Inject, Injectable, Optional } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { tfMemory } from '../forecasting/tf/tf-memory.js';
import { METRIC_CATALOGUE } from './metrics/metric-catalogue.js';
import { counterOf, gaugeOf, histogramOf } from './metrics/prom-metrics.js';
import { RequestSlots } from './metrics/request-slots.js';
import { requestLatencyRows } from './metrics/request-latency.rows.js';
import { RowsHistogram } from './metrics/rows-histogram.js';

export type ServedBy = 'prod' | 'canary';

/**
 * The app's Prometheus metrics on a Registry of its own (never prom-client's global one, so several
 * apps in one process do not clash), declared in metrics/metric-catalogue.ts, plus prom-client's
 * default process and Node metrics (event-loop lag, GC, heap, RSS; `metrics.defaultMetrics`).
 * Other modules call these methods and never see prom-client.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  /** Answered requests, counted per method, route and status without prom-client on the hot path. */
  private readonly answered = new RequestSlots(METRIC_CATALOGUE.httpDuration.buckets);
  private readonly requests = counterOf(this.registry, 'httpRequests', () => {
    this.requests.reset();
    for (const slot of this.answered.all()) this.requests.inc(slot.labels, slot.count);
  });
  private readonly latency = new RowsHistogram({
    ...METRIC_CATALOGUE.httpDuration,
    labelNames: METRIC_CATALOGUE.httpDuration.labels,
    registry: this.registry,
    rows: () => requestLatencyRows(this.answered.all()),
  });
  private readonly predictions = counterOf(this.registry, 'predictions');
  private readonly hits = counterOf(this.registry, 'cacheHits');
  private readonly misses = counterOf(this.registry, 'cacheMisses');
  private readonly batches = counterOf(this.registry, 'onDemandBatches');
  private readonly shadow = counterOf(this.registry, 'shadowPredictions');
  private readonly shadowDiff = counterOf(this.registry, 'shadowAbsDiff');
  private readonly swaps = counterOf(this.registry, 'modelSwaps');
  private readonly served = gaugeOf(this.registry, 'servedModel');
  private readonly servedWape = gaugeOf(this.registry, 'servedBacktestWape');
  private readonly dataMismatch = gaugeOf(this.registry, 'servedDataMismatch');
  private readonly jobDuration = histogramOf(this.registry, 'jobDuration');
  private readonly jobFailures = counterOf(this.registry, 'jobFailures');
  private readonly trainingDuration = histogramOf(this.registry, 'trainingDuration');
  private readonly trainingLoss = gaugeOf(this.registry, 'trainingFinalLoss');
  private readonly tf = gaugeOf(this.registry, 'tfBackend', () => {
    const m = tfMemory();
    if (m) {
      this.tf.reset();
      this.tf.set({ backend: m.backend }, 1);
    }
  });
  private readonly tensors = gaugeOf(this.registry, 'tfTensors', () => {
    const m = tfMemory();
    if (m) this.tensors.set(m.tensors);
  });
  private readonly tensorBytes = gaugeOf(this.registry, 'tfBytes', () => {
    const m = tfMemory();
    if (m) this.tensorBytes.set(m.bytes);
  });
  private readonly servedLabels = new Map<
    string,
    { target: string; model_version: string; kind: string }
  >();
  private readonly servedWapes = new Map<string, { model_version: string; wape: number }>();

  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    if (config?.metrics.defaultMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  /** Whoever initialises TensorFlow.js tells the name of the backend (`wasm`, `node`, ...). */
  setTfBackend(backend: string): void {
    this.tf.reset();
    this.tf.set({ backend }, 1);
  }

  /**
   * One answered HTTP request: a map look-up and a few additions (RequestSlots); the request counter
   * and latency histogram read the slots when scraped.
   */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.answered.observe(method, route, status, seconds);
  }

  countPrediction(target: string, servedBy: ServedBy, cached: boolean): void {
    this.predictions.inc({ target, served_by: servedBy, cached: String(cached) });
    (cached ? this.hits : this.misses).inc({ target });
  }

  /** A shadow candidate's forecast, compared with what prod returned. */
  countShadow(target: string, meanAbsP50Diff: number): void {
    this.shadow.inc({ target });
    this.shadowDiff.inc({ target }, meanAbsP50Diff);
  }

  countCacheMiss(target: string): void {
    this.misses.inc({ target });
  }

  countOnDemandBatch(): void {
    this.batches.inc();
  }

  /** A new prod model serves `target`; `backtestWape` from its manifest when it has one. */
  /** Whether the served model of `target` was trained on other data than the data served. */
  servedDataMismatch(target: string, mismatch: boolean): void {
    this.dataMismatch.set({ target }, mismatch ? 1 : 0);
  }

  modelSwapped(target: string, modelVersion: string, kind: string, backtestWape?: number): void {
    this.swaps.inc({ target });
    this.served.reset();
    this.servedLabels.set(target, { target, model_version: modelVersion, kind });
    for (const labels of this.servedLabels.values()) this.served.set(labels, 1);
    this.servedWape.reset();
    if (backtestWape !== undefined && Number.isFinite(backtestWape))
      this.servedWapes.set(target, { model_version: modelVersion, wape: backtestWape });
    else this.servedWapes.delete(target);
    for (const [t, w] of this.servedWapes)
      this.servedWape.set({ target: t, model_version: w.model_version }, w.wape);
  }

  /** A job finished (its last attempt): `outcome` completed, failed or cancelled. */
  observeJob(name: string, outcome: string, seconds: number | null): void {
    if (seconds !== null && Number.isFinite(seconds) && seconds >= 0)
      this.jobDuration.observe({ name, outcome }, seconds);
    if (outcome === 'failed') this.jobFailures.inc({ name });
  }

  /** A model was trained (fit time and final loss, when the kind has one). */
  observeTraining(target: string, kind: string, seconds: number, finalLoss: number | null): void {
    if (Number.isFinite(seconds)) this.trainingDuration.observe({ target, kind }, seconds);
    if (finalLoss !== null && Number.isFinite(finalLoss))
      this.trainingLoss.set({ target, kind }, finalLoss);
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
