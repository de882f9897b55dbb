import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { panelFingerprint } from '../data/data-fingerprint.js';
import { DatasetService } from '../data/dataset.service.js';
import { TARGETS, type Target } from '../data/series-panel.js';
import { MetricsService } from '../monitoring/metrics.service.js';
import { ModelRegistryService } from '../registry/model-registry.service.js';
import { isRegistryError } from '../registry/registry.errors.js';
import { FirstStartService } from '../startup/first-start.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import type { ServedModel } from './served-model.js';
import { loadServedModel } from './served-model.loader.js';
import { ModelNotReadyError } from './serving.errors.js';

export type ServingPhase = 'waiting' | 'ready' | 'failed';

/** A served prod model as the /status report shows it. */
export interface ServedModelSummary {
  id: string;
  horizon: number;
  /** Fingerprint of the data the model was trained on, and of the data served now. */
  trainingDataFingerprint: string | null;
  dataFingerprint: string;
  /** Set when the two differ: the model is serving data it was not trained on. */
  dataWarning: string | null;
  cachedSeries: number;
  cacheCreatedAt: string;
  cacheSource: 'computed' | 'store';
  firstForecastDate: string | null;
}

/** From the manifest of a served model. */
export interface ServedVersionFacts {
  kind: string;
  wape: number | null;
  seasonalNaiveWape: number | null;
  trainingDataFingerprint: string | null;
}

/** Called after a target's prod model was swapped in (the old one is retired). */
export type SwapListener = (target: Target, modelId: string) => void;

/**
 * The prod model of each target and its forecast cache: loaded once the first-start job is over
 * and again on every promotion notice; swapped atomically (requests in flight keep the model they
 * started with; the old one is disposed when they are done).
 */
@Injectable()
export class ServedModelsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ServedModelsService.name);
  private readonly models = new Map<Target, ServedModel>();
  private readonly refreshes = new Map<Target, Promise<void>>();
  private readonly swapListeners: SwapListener[] = [];
  /** What the manifest of each served model says: kind, backtest WAPEs, training data fingerprint. */
  private readonly versions = new Map<Target, ServedVersionFacts>();
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
  ) {}

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
    await this.initial;
    await Promise.all([...this.refreshes.values()]);
    for (const model of this.models.values()) model.retire();
    this.models.clear();
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

  /** The served model of a target, or the 503 that says why there is none yet. */
  require(target: Target): ServedModel {
    const model = this.models.get(target);
    if (!model) throw new ModelNotReadyError(target, this.firstStart.state.phase);
    return model;
  }

  /** Runs `fn` with the target's model held (not disposed until `fn` settles). */
  async withModel<R>(target: Target, fn: (model: ServedModel) => Promise<R> | R): Promise<R> {
    const model = this.require(target);
    model.acquire();
    try {
      return await fn(model);
    } finally {
      model.release();
    }
  }

  /** Listens for swaps (a new prod model served); returns the function that stops listening. */
  onSwap(listener: SwapListener): () => void {
    this.swapListeners.push(listener);
    return () => {
      const i = this.swapListeners.indexOf(listener);
      if (i >= 0) this.swapListeners.splice(i, 1);
    };
  }

  /** Phase, served models and the last load error, for the /status report. */
  /** The manifest facts of the model served for `target`, once one is. */
  servedVersion(target: Target): (ServedVersionFacts & { id: string }) | null {
    const model = this.models.get(target);
    const facts = this.versions.get(target);
    return model === undefined || facts === undefined ? null : { id: model.id, ...facts };
  }

  report(): {
    phase: ServingPhase;
    models: Partial<Record<Target, ServedModelSummary>>;
    lastError: string | null;
  } {
    const models: Partial<Record<Target, ServedModelSummary>> = {};
    for (const [target, m] of this.models) {
      const first = m.cache.values().next().value;
      const trained = this.versions.get(target)?.trainingDataFingerprint ?? null;
      models[target] = {
        id: m.id,
        horizon: m.horizon,
        trainingDataFingerprint: trained,
        dataFingerprint: m.fingerprint,
        dataWarning: dataWarning(m.id, trained, m.fingerprint),
        cachedSeries: m.cache.size,
        cacheCreatedAt: m.cacheCreatedAt,
        cacheSource: m.cacheSource,
        firstForecastDate: first?.dates[0] ?? null,
      };
    }
    return { phase: this.phase, models, lastError: this.lastError };
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
      this.versions.set(target, {
        kind: version.kind,
        wape: version.backtest?.wape ?? null,
        seasonalNaiveWape: version.backtest?.seasonal_naive_wape ?? null,
        trainingDataFingerprint: version.training.fingerprint,
      });
      current?.retire();
      const warning = dataWarning(next.id, version.training.fingerprint, next.fingerprint);
      this.metrics.servedDataMismatch(target, warning !== null);
      if (warning !== null) this.logger.warn(`${target}: ${warning}`);
      for (const listener of [...this.swapListeners]) listener(target, next.id);
      this.phase = 'ready';
      this.metrics.modelSwapped(target, next.id, version.kind, version.backtest?.wape);
      this.logger.log(
        `serving ${next.id} for ${target}: ${next.cache.size} series cached (${next.cacheSource}) in ${Math.round(performance.now() - t0)} ms`,
      );
    } catch (err) {
      this.lastError = `${target}: ${err instanceof Error ? err.message : String(err)}`;
      this.logger.error(`could not load the prod model of ${target}: ${this.lastError}`);
    }
  }
}

/** The warning when a model serves other data than it was trained on; null when they match. */
export function dataWarning(
  modelId: string,
  trainedOn: string | null,
  serving: string,
): string | null {
  if (trainedOn === null || trainedOn === serving) return null;
  return (
    `model ${modelId} was trained on data ${trainedOn} but serves data ${serving}: ` +
    'its forecasts and backtest may not hold for this data (retrain, or check the data)'
  );
}
