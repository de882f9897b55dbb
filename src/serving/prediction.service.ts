import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RequestValidationError } from '../common/validation/request-validation.error.js';
import { addDays, toEpochDay } from '../data/dates.js';
import { TARGETS, type Target } from '../data/series-panel.js';
import type { Forecast } from '../forecasting/forecast.types.js';
import { MetricsService } from '../monitoring/metrics.service.js';
import { ModelRegistryService } from '../registry/model-registry.service.js';
import { isRegistryError } from '../registry/registry.errors.js';
import { DatasetService } from '../data/dataset.service.js';
import { FirstStartService } from '../startup/first-start.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import { panelFingerprint } from '../data/data-fingerprint.js';
import type {
  ForecastPointDto,
  ItemPredictionDto,
  PredictManyResponseDto,
  PredictResponseDto,
} from './dto/predict.dto.js';
import type { PredictRequest } from './dto/predict-request.validator.js';
import { MicroBatcher } from './micro-batcher.js';
import { OnDemandRunner, type OnDemandItem } from './on-demand.runner.js';
import { historyProblems, type HistoryPoint } from './on-demand-panel.js';
import type { ServedModel } from './served-model.js';
import { loadServedModel } from './served-model.loader.js';
import {
  ForecastRangeError,
  HistoryValidationError,
  ItemNotFoundError,
  ModelNotReadyError,
} from './serving.errors.js';
import type { ServingLimits } from './serving.limits.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { AppConfig } from '../config/app-config.schema.js';
import { routesToCanary } from './canary-router.js';
import {
  candidateStatus,
  type Candidate,
  type CandidateMode,
  type CandidateStatus,
} from './candidate-model.js';
import { AppError } from '../common/errors/app-error.js';

export type ServingPhase = 'waiting' | 'ready' | 'failed';

export interface ServingStatus {
  phase: ServingPhase;
  models: Partial<
    Record<
      Target,
      {
        id: string;
        horizon: number;
        cachedSeries: number;
        cacheCreatedAt: string;
        cacheSource: 'computed' | 'store';
        firstForecastDate: string | null;
      }
    >
  >;
  onDemand: { requests: number; modelCalls: number };
  /** Canary or shadow candidates per target. */
  candidates: Partial<Record<Target, CandidateStatus>>;
  lastError: string | null;
}

/** Which model answered a forecast. */
export type ServedBy = 'prod' | 'canary';

/**
 * Holds the prod model of each target and its forecast cache. Loads them once the first-start job
 * is over and again on every promotion notice; swaps atomically (requests in flight keep the model
 * they started with; the old one is disposed when they are done).
 */
@Injectable()
export class PredictionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PredictionService.name);
  private readonly models = new Map<Target, ServedModel>();
  private readonly candidates = new Map<Target, Candidate>();
  private readonly refreshes = new Map<Target, Promise<void>>();
  private readonly onDemand = new OnDemandRunner(() => this.metrics.countOnDemandBatch());
  private readonly batcher: MicroBatcher<OnDemandItem, Forecast>;
  /** The `serving` config section (request limits, micro-batching). */
  private readonly limits: ServingLimits;
  private initial: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private phase: ServingPhase = 'waiting';
  private lastError: string | null = null;
  private closed = false;

  constructor(
    private readonly registry: ModelRegistryService,
    private readonly datasets: DatasetService,
    private readonly firstStart: FirstStartService,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = config.serving;
    this.batcher = new MicroBatcher<OnDemandItem, Forecast>(
      (items) => this.onDemand.run(items),
      this.limits.batchSize,
      this.limits.batchWaitMs,
    );
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = this.registry.onChange((notice) => {
      void this.refresh(notice.target);
    });
    // After every bootstrap hook ran (the first-start job starts in one).
    this.initial = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.firstStart.settled())
      .then(() => this.refreshAll());
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    this.batcher.close();
    await this.initial;
    await Promise.all([...this.refreshes.values()]);
    for (const model of this.models.values()) model.retire();
    for (const c of this.candidates.values()) c.model.retire();
    this.models.clear();
    this.candidates.clear();
  }

  /** Resolves when the models present at start are loaded (or found missing). */
  whenLoaded(): Promise<void> {
    return this.initial;
  }

  /** Loads (or reloads) every target's prod model over the current panel. */
  async refreshAll(): Promise<void> {
    await Promise.all(TARGETS.map((t) => this.refresh(t)));
    const start = this.firstStart.state;
    if (this.models.size === 0 && start.phase === 'failed')
      this.lastError ??= `first-start job failed: ${start.error ?? 'unknown error'}`;
    this.phase = this.models.size > 0 ? 'ready' : this.lastError ? 'failed' : 'waiting';
  }

  /** Resolves when every reload asked for so far (start, promotions) is done. */
  async idle(): Promise<void> {
    await this.initial;
    for (;;) {
      const pending = [...this.refreshes.values()];
      await Promise.all(pending);
      const now = [...this.refreshes.values()];
      if (now.length === pending.length && now.every((p, i) => p === pending[i])) return;
    }
  }

  /** Reloads a target's prod model; calls for one target run one after the other. */
  refresh(target: Target): Promise<void> {
    const next = (this.refreshes.get(target) ?? Promise.resolve()).then(() => this.load(target));
    this.refreshes.set(target, next);
    return next;
  }

  /** The served model of a target, or null. */
  served(target: Target): ServedModel | null {
    return this.models.get(target) ?? null;
  }

  /** Runs `fn` with the target's model held (not disposed until `fn` settles). */
  async withModel<R>(target: Target, fn: (model: ServedModel) => Promise<R> | R): Promise<R> {
    const model = this.models.get(target);
    if (!model) throw new ModelNotReadyError(target, this.firstStart.state.phase);
    model.acquire();
    try {
      return await fn(model);
    } finally {
      model.release();
    }
  }

  status(): ServingStatus {
    const models: ServingStatus['models'] = {};
    for (const [target, m] of this.models) {
      const first = m.cache.values().next().value;
      models[target] = {
        id: m.id,
        horizon: m.horizon,
        cachedSeries: m.cache.size,
        cacheCreatedAt: m.cacheCreatedAt,
        cacheSource: m.cacheSource,
        firstForecastDate: first?.dates[0] ?? null,
      };
    }
    const candidates: ServingStatus['candidates'] = {};
    for (const [target, c] of this.candidates) candidates[target] = candidateStatus(c);
    return {
      phase: this.phase,
      models,
      onDemand: { requests: this.onDemand.requests, modelCalls: this.onDemand.modelCalls },
      candidates,
      lastError: this.lastError,
    };
  }

  /**
   * Serves a registered model of the target next to prod: as a canary answering `share` of the
   * items (sticky per item), or in shadow mode (computed and compared, not returned). Replaces
   * any earlier candidate of the target; cleared when the candidate is promoted to prod.
   */
  async setCandidate(
    target: Target,
    modelId: string,
    mode: CandidateMode,
    share: number,
  ): Promise<CandidateStatus> {
    const panel = this.datasets.panel;
    const prod = this.models.get(target);
    if (!panel || !prod) throw new ModelNotReadyError(target, this.firstStart.state.phase);
    if (!(share >= 0 && share <= 1))
      throw new RequestValidationError([
        { field: 'share', message: 'share must be between 0 and 1' },
      ]);
    const version = await this.registry.get(modelId);
    if (version.target !== target)
      throw new AppError(400, `${modelId} forecasts ${version.target}, not ${target}`, {
        code: 'invalid_candidate',
      });
    if (version.id === prod.id)
      throw new AppError(409, `${modelId} is already the prod model of ${target}`, {
        code: 'invalid_candidate',
      });
    const model = await loadServedModel(
      { registry: this.registry, store: this.store },
      version,
      panel,
    );
    const previous = this.candidates.get(target);
    const candidate: Candidate = {
      model,
      mode,
      share: mode === 'shadow' ? 0 : share,
      since: new Date().toISOString(),
    };
    this.candidates.set(target, candidate);
    previous?.model.retire();
    this.logger.log(
      `${mode} candidate for ${target}: ${model.id}${mode === 'canary' ? ` on ${Math.round(share * 100)} % of items` : ''}`,
    );
    return candidateStatus(candidate);
  }

  /** Stops serving the target's candidate; false when there was none. */
  clearCandidate(target: Target): boolean {
    const c = this.candidates.get(target);
    if (!c) return false;
    this.candidates.delete(target);
    c.model.retire();
    this.logger.log(`${c.mode} candidate ${c.model.id} of ${target} removed`);
    return true;
  }

  candidate(target: Target): CandidateStatus | null {
    const c = this.candidates.get(target);
    return c ? candidateStatus(c) : null;
  }

  /** The canary that answers this item, if any (the item must be in its cache when `cached`). */
  private canaryFor(target: Target, itemCode: string, cached: boolean): ServedModel | null {
    const c = this.candidates.get(target);
    if (!c || c.mode !== 'canary' || !routesToCanary(c.model.id, itemCode, c.share)) return null;
    if (cached && !c.model.cache.has(itemCode)) return null;
    return c.model;
  }

  /** Shadow mode: the candidate's forecast of the same item and days, measured against prod's. */
  private shadowOf(target: Target, itemCode: string, prodPoints: ForecastPointDto[]): void {
    const c = this.candidates.get(target);
    if (!c || c.mode !== 'shadow' || prodPoints.length === 0) return;
    const f = c.model.cache.get(itemCode);
    if (!f) return;
    const offset = f.dates.indexOf(prodPoints[0].date);
    if (offset < 0 || offset + prodPoints.length > f.dates.length) return;
    let diff = 0;
    prodPoints.forEach((p, i) => (diff += Math.abs(f.quantiles.p50[offset + i] - p.p50)));
    const mean = diff / prodPoints.length;
    this.metrics.countShadow(target, c.model.id, mean);
    this.logger.debug(
      `shadow ${c.model.id} ${itemCode}: mean |ΔP50| ${mean.toFixed(3)} over ${prodPoints.length} days`,
    );
  }

  async predict(
    body: PredictRequest,
    requestId: string,
  ): Promise<PredictResponseDto | PredictManyResponseDto> {
    const started = performance.now();
    const target = body.target ?? 'quantity';
    if (body.item_codes) {
      const codes = body.item_codes;
      const results = await this.withModel(target, (m) =>
        codes.map((code) => this.fromCache(m, code, body.date, body.horizon)),
      );
      return { results, request_id: requestId, processing_time_ms: elapsed(started) };
    }
    const itemCode = body.item_code ?? '';
    const result = body.history
      ? await this.withModel(target, (m) =>
          this.fromHistory(m, itemCode, body.history ?? [], body.date, body.horizon),
        )
      : await this.withModel(target, (m) => this.fromCache(m, itemCode, body.date, body.horizon));
    return withRequestFacts(result, requestId, started);
  }

  async forecast(
    itemCode: string,
    target: Target | undefined,
    horizon: number | undefined,
    requestId: string,
  ): Promise<PredictResponseDto> {
    const started = performance.now();
    const result = await this.withModel(target ?? 'quantity', (m) =>
      this.fromCache(m, itemCode, undefined, horizon),
    );
    return withRequestFacts(result, requestId, started);
  }

  private fromCache(
    prod: ServedModel,
    itemCode: string,
    date: string | undefined,
    horizon: number | undefined,
  ): ItemPredictionDto {
    // Synchronous from here on: a candidate retired meanwhile cannot be disposed under us.
    const canary = this.canaryFor(prod.target, itemCode, true);
    const model = canary ?? prod;
    const f = model.cache.get(itemCode);
    if (!f) {
      this.metrics.countCacheMiss(model.target);
      throw new ItemNotFoundError(itemCode, model.target);
    }
    const points = slice(f, date ?? f.dates[0], checkHorizon(model, horizon), 'cache');
    this.metrics.countPrediction(model.target, model.id, true);
    if (!canary) this.shadowOf(prod.target, itemCode, points);
    return this.item(model, itemCode, points, true, canary ? 'canary' : 'prod');
  }

  private async fromHistory(
    prod: ServedModel,
    itemCode: string,
    history: HistoryPoint[],
    date: string | undefined,
    horizon: number | undefined,
  ): Promise<ItemPredictionDto> {
    const canary = this.canaryFor(prod.target, itemCode, false);
    const model = canary ?? prod;
    model.acquire();
    try {
      return await this.runHistory(
        model,
        itemCode,
        history,
        date,
        horizon,
        canary ? 'canary' : 'prod',
      );
    } finally {
      model.release();
    }
  }

  private async runHistory(
    model: ServedModel,
    itemCode: string,
    history: HistoryPoint[],
    date: string | undefined,
    horizon: number | undefined,
    servedBy: ServedBy,
  ): Promise<ItemPredictionDto> {
    const h = checkHorizon(model, horizon);
    const problems = historyProblems(
      history,
      model.forecaster.capabilities.minHistory,
      this.limits.maxHistoryValue,
    );
    if (problems.length > 0) throw new HistoryValidationError(problems);
    const start = addDays(history[history.length - 1].date, 1);
    checkDateInWindow(date ?? start, start, model.horizon, h, 'history');
    const f = await this.batcher.submit({ model, seriesId: itemCode, history });
    const points = slice(f, date ?? start, h, 'history');
    this.metrics.countPrediction(model.target, model.id, false);
    return this.item(model, itemCode, points, false, servedBy);
  }

  private item(
    model: ServedModel,
    itemCode: string,
    forecast: ForecastPointDto[],
    cached: boolean,
    servedBy: ServedBy,
  ): ItemPredictionDto {
    const caps = model.forecaster.capabilities;
    return {
      item_code: itemCode,
      target: model.target,
      model_version: model.id,
      served_by: servedBy,
      forecast,
      cached,
      features_used: [
        `${model.target} history`,
        ...(caps.covariates ? ['calendar and holiday covariates'] : []),
      ],
    };
  }

  private async load(target: Target): Promise<void> {
    const panel = this.datasets.panel;
    if (!panel || this.closed) return;
    try {
      let version;
      try {
        version = await this.registry.resolve(target, 'prod');
      } catch (err) {
        if (isRegistryError(err, 'NOT_FOUND')) return;
        throw err;
      }
      const current = this.models.get(target);
      if (current?.id === version.id && current.fingerprint === panelFingerprint(panel, target))
        return;
      const t0 = performance.now();
      const next = await loadServedModel(
        {
          registry: this.registry,
          store: this.store,
          onSaveError: (err) =>
            this.logger.warn(`could not save the forecast cache of ${version.id}: ${String(err)}`),
        },
        version,
        panel,
      );
      if (this.closed) {
        next.retire();
        return;
      }
      this.models.set(target, next);
      current?.retire();
      if (this.candidates.get(target)?.model.id === next.id) this.clearCandidate(target);
      this.phase = 'ready';
      this.metrics.modelSwapped(target, next.id, version.kind);
      this.logger.log(
        `serving ${next.id} for ${target}: ${next.cache.size} series cached (${next.cacheSource}) in ${Math.round(performance.now() - t0)} ms`,
      );
    } catch (err) {
      this.lastError = `${target}: ${err instanceof Error ? err.message : String(err)}`;
      this.logger.error(`could not load the prod model of ${target}: ${this.lastError}`);
    }
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

/**
 * The item's result (a fresh object) with the request's id and time added in place. Not
 * `{ ...result, request_id }`: on Node 20 (V8 11.3) a hot object spread makes its results survive
 * young-generation collections; on the cached route that promoted ≈ 150 KB per scavenge at
 * 3,000 req/s, and the old-generation collections it caused every few seconds set the p99
 * (docs/BENCHMARKS.md).
 */
function withRequestFacts(
  result: ItemPredictionDto,
  requestId: string,
  started: number,
): PredictResponseDto {
  return Object.assign(result, { request_id: requestId, processing_time_ms: elapsed(started) });
}

function checkHorizon(model: ServedModel, horizon: number | undefined): number {
  const h = horizon ?? model.horizon;
  if (!(Number.isInteger(h) && h >= 1 && h <= model.horizon))
    throw new ForecastRangeError(
      `horizon must be between 1 and ${model.horizon} (the horizon of model ${model.id}), got ${h}`,
      { field: 'horizon', max: model.horizon, model_version: model.id },
    );
  return h;
}

function checkDateInWindow(
  date: string,
  start: string,
  modelHorizon: number,
  h: number,
  from: 'cache' | 'history',
): number {
  const offset = toEpochDay(date) - toEpochDay(start);
  if (offset < 0 || offset + h > modelHorizon) {
    const last = addDays(start, modelHorizon - 1);
    throw new ForecastRangeError(
      from === 'cache'
        ? `date ${date} with horizon ${h} is outside the forecast cache (${start} … ${last}); send the item's history to forecast from later data`
        : `date ${date} with horizon ${h} is outside what this history allows (${start} … ${last})`,
      { field: 'date', first: start, last, horizon: h },
    );
  }
  return offset;
}

function slice(
  f: Forecast,
  date: string,
  h: number,
  from: 'cache' | 'history',
): ForecastPointDto[] {
  const offset = checkDateInWindow(date, f.dates[0], f.dates.length, h, from);
  const out: ForecastPointDto[] = [];
  for (let i = offset; i < offset + h; i++)
    out.push({
      date: f.dates[i],
      mean: f.mean[i],
      p10: f.quantiles.p10[i],
      p50: f.quantiles.p50[i],
      p90: f.quantiles.p90[i],
    });
  return out;
}
