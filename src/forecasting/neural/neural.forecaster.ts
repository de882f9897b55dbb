import * as tf from '@tensorflow/tfjs';
import { addDays } from '../../data/dates.js';
import type { SeriesPanel, Target } from '../../data/series-panel.js';
import { CALENDAR_COVARIATES } from '../../features/calendar-covariates.js';
import type {
  FitOptions,
  FitReport,
  Forecast,
  Forecaster,
  ForecasterCapabilities,
  PredictRequest,
} from '../forecast.types.js';
import type { BlobSink, BlobSource } from '../../storage/blob.types.js';
import {
  FORECASTER_HEADER_KEY,
  FORECASTER_SCHEMA_VERSION,
  type ForecasterHeader,
} from '../forecaster-factory.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';
import { resolveCutoff, selectSeries, targetValues } from '../stats/series-history.js';
import { blobLoadHandler, blobSaveHandler, modelKeys } from '../io/blob-model.io.js';
import { ensureTfBackend } from '../tf/tf-backend.js';
import {
  calibratedBand,
  fitConformal,
  NO_CALIBRATION,
  type ConformalCalibration,
} from './conformal.calibration.js';
import type { BatchSource } from './fit-loop.js';
import { memberPrefix, trainMembers } from './member-training.js';
import { isNeuralState, type NeuralState } from './neural-state.js';
import { futureCalendarFor, neuralInputs, shapeOfState } from './neural-inputs.js';
import type { ModelInputs } from '../model-inputs.js';
import { fitNeuralState } from './neural-state.fit.js';
import { runEnsemble } from './network-runner.js';
import { resolveTraining, type NeuralTrainingParams } from './neural-params.js';
import type { NetworkBuilder } from './network-parts.js';
import { PanelView } from './panel-view.js';
import { SeedSequence } from './seeded-random.js';
import {
  categoryIndex,
  fillBatch,
  futureCalendar,
  futureFeatureCount,
  PAST_FEATURES,
  staticFeatureCount,
  type FeatureContext,
  type WindowSet,
} from './window-features.js';
import { originWindows, selectWindows } from './window-selection.js';
import { MAX_HORIZON_DAYS } from '../../common/forecast-horizon.js';

function checkHorizon(h: number): number {
  if (!Number.isInteger(h) || h < 1 || h > MAX_HORIZON_DAYS)
    throw new ForecasterError(
      ForecasterErrorCode.InvalidParams,
      `Horizon must be an integer in 1..${MAX_HORIZON_DAYS}, got ${h}`,
      { horizon: h },
    );
  return h;
}

/** A params problem of a neural kind as INVALID_PARAMS, naming the kind. */
export function invalidParams(kind: string, err: unknown): ForecasterError {
  const why = err instanceof Error ? err.message : String(err);
  return new ForecasterError(ForecasterErrorCode.InvalidParams, `${kind}: ${why}`, { kind });
}

function featureContext(panel: SeriesPanel, view: PanelView, state: NeuralState): FeatureContext {
  return {
    view,
    state,
    category: categoryIndex(panel.statics.categoryCode, state.categories),
    lossRate: panel.statics.lossRate,
  };
}

function batchSource(ctx: FeatureContext, windows: WindowSet): BatchSource {
  return {
    count: windows.series.length,
    fill: (order, from, to, batch) => fillBatch(ctx, windows, order, from, to, batch),
  };
}

/**
 * A global, direct, multi-horizon neural forecaster: one network over all series (per-window robust
 * scaling, category and calendar inputs), a head of P10/P50/P90/mean for all horizon days at once trained
 * with pinball loss, then split-conformal calibration of the P10–P90 band on the last days before the
 * cutoff. Kinds differ only in the network builder.
 */
export class NeuralForecaster implements Forecaster {
  readonly capabilities: ForecasterCapabilities = {
    covariates: true,
    probabilistic: true,
    minHistory: 7,
    neural: true,
  };
  /** One network per ensemble member (usually one); outputs are averaged. */
  private models: tf.LayersModel[] = [];
  private state: NeuralState | undefined;

  constructor(
    readonly kind: string,
    readonly params: Readonly<Record<string, unknown>>,
    private readonly build: NetworkBuilder,
  ) {}

  inputs(): ModelInputs {
    if (this.state) return neuralInputs(this.kind, shapeOfState(this.state));
    const p = resolveTraining(this.params, { target: 'quantity', horizon: 1 });
    return neuralInputs(this.kind, {
      lookback: p.lookback,
      levelWindow: p.levelWindow,
      clip: p.clip,
      futureCalendar: futureCalendarFor(p.festivalDays),
      yearBack: p.yearBack === 1,
      categories: null,
    });
  }

  get target(): Target | undefined {
    return this.state?.target;
  }

  get horizon(): number | undefined {
    return this.state?.horizon;
  }

  async fit(panel: SeriesPanel, opts: FitOptions): Promise<FitReport> {
    const started = performance.now();
    await ensureTfBackend();
    let p: NeuralTrainingParams;
    try {
      p = resolveTraining(this.params, opts);
    } catch (err) {
      throw invalidParams(this.kind, err);
    }
    const horizon = checkHorizon(opts.horizon);
    targetValues(panel, opts.target);
    const cutoff = resolveCutoff(panel, opts.cutoff);
    const cutoffIdx = cutoff.index;
    const view = new PanelView(panel, opts.target, -p.lookback, cutoffIdx + horizon + 1);
    const valFirst = cutoffIdx - horizon - p.valOrigins + 1;
    const select = { horizon, minObserved: p.minObserved };
    const train = selectWindows(view, {
      ...select,
      firstOrigin: 0,
      lastOrigin: valFirst - 1,
      targetEnd: valFirst,
    });
    const val = selectWindows(view, {
      ...select,
      firstOrigin: valFirst,
      lastOrigin: cutoffIdx - horizon,
      targetEnd: cutoffIdx,
    });
    if (train.series.length === 0)
      throw new ForecasterError(
        ForecasterErrorCode.InsufficientHistory,
        `${this.kind}: no training windows (too little history before the cutoff)`,
        { kind: this.kind },
      );
    const state = fitNeuralState(panel, view, train, p, opts.target, horizon, cutoff.iso);
    const ctx = featureContext(panel, view, state);
    const staticFeatures = staticFeatureCount(state.categories.length);
    const shape = {
      lookback: p.lookback,
      pastFeatures: PAST_FEATURES,
      horizon,
      futureFeatures: futureFeatureCount(state),
      staticFeatures,
    };
    const models: tf.LayersModel[] = [];
    try {
      const report = await trainMembers(models, {
        build: (seed) => {
          try {
            return this.build(shape, this.params, new SeedSequence(seed));
          } catch (err) {
            throw invalidParams(this.kind, err);
          }
        },
        train: batchSource(ctx, train),
        val: batchSource(ctx, val),
        params: p,
        horizon,
        staticFeatures,
        futureFeatures: shape.futureFeatures,
        started,
        onProgress: opts.onProgress,
      });
      state.calibration = await this.calibrate(models, ctx, val, p.coverage);
      this.dispose();
      this.models = models;
      this.state = state;
      const { coverageBefore, coverageAfter, points } = state.calibration;
      return {
        kind: this.kind,
        epochs: report.epochs,
        stoppedBy: report.stoppedBy,
        trainLoss: report.trainLoss,
        valLoss: report.valLoss,
        seconds: (performance.now() - started) / 1000,
        samples: train.series.length,
        samplesPerSec: report.samplesSeen / Math.max(report.stepSeconds, 1e-9),
        calibration: points > 0 ? { coverageBefore, coverageAfter, points } : undefined,
      };
    } catch (err) {
      for (const model of models) model.dispose();
      throw err;
    }
  }

  /** Conformal adjustment of the band from the validation windows' forecasts vs actuals. */
  private async calibrate(
    models: tf.LayersModel[],
    ctx: FeatureContext,
    val: WindowSet,
    coverage: number,
  ): Promise<ConformalCalibration> {
    const n = val.series.length;
    if (n === 0) return NO_CALIBRATION;
    const { horizon } = ctx.state;
    const raw = await runEnsemble(models, ctx, val);
    const size = n * horizon;
    const pts = {
      p10: new Float32Array(size),
      p50: new Float32Array(size),
      p90: new Float32Array(size),
      actual: new Float32Array(size),
      scale: new Float32Array(size),
    };
    for (let w = 0; w < n; w++)
      for (let h = 0; h < horizon; h++) {
        const i = w * horizon + h;
        const scale = raw.scale[w];
        pts.p10[i] = Math.max(0, raw.values[i * 4] * scale);
        pts.p50[i] = Math.max(0, raw.values[i * 4 + 1] * scale);
        pts.p90[i] = Math.max(0, raw.values[i * 4 + 2] * scale);
        pts.scale[i] = scale;
        const d = val.origins[w] + 1 + h;
        pts.actual[i] = d <= val.targetEnd ? ctx.view.value(val.series[w], d) : NaN;
      }
    return fitConformal(pts, coverage);
  }

  async predict(req: PredictRequest): Promise<Forecast[]> {
    const { models, state } = this;
    if (models.length === 0 || !state)
      throw new ForecasterError(
        ForecasterErrorCode.NotFitted,
        `The ${this.kind} model is not fitted`,
      );
    if (!Number.isInteger(req.horizon) || req.horizon < 1 || req.horizon > state.horizon)
      throw new ForecasterError(
        ForecasterErrorCode.HorizonExceedsFit,
        `Horizon ${req.horizon} is not within 1..${state.horizon}, the horizon this model was fitted for`,
        { horizon: req.horizon, fitted: state.horizon },
      );
    const horizon = req.horizon;
    const { panel } = req;
    const values = targetValues(panel, state.target);
    const cutoff = resolveCutoff(panel, req.cutoff);
    const cutoffIdx = cutoff.index;
    const series = selectSeries(
      panel,
      values,
      cutoffIdx,
      this.capabilities.minHistory,
      req.seriesIds,
    ).map((h) => h.index);
    const view = new PanelView(
      panel,
      state.target,
      cutoffIdx - state.lookback + 1,
      cutoffIdx + state.horizon + 1,
    );
    const ctx = featureContext(panel, view, state);
    const raw = await runEnsemble(models, ctx, originWindows(series, cutoffIdx));
    const dates = Array.from({ length: horizon }, (_, h) => addDays(cutoff.iso, h + 1));
    return series.map((s, w) => {
      const scale = raw.scale[w];
      const f: Forecast = {
        seriesId: panel.seriesIds[s],
        dates: [...dates],
        mean: [],
        quantiles: { p10: [], p50: [], p90: [] },
      };
      for (let h = 0; h < horizon; h++) {
        const o = (w * state.horizon + h) * 4;
        const p50 = Math.max(0, raw.values[o + 1] * scale);
        const band = calibratedBand(
          Math.max(0, raw.values[o] * scale),
          p50,
          Math.max(0, raw.values[o + 2] * scale),
          scale,
          state.calibration,
        );
        f.quantiles.p10.push(band.lo);
        f.quantiles.p50.push(p50);
        f.quantiles.p90.push(band.hi);
        f.mean.push(Math.max(0, raw.values[o + 3] * scale));
      }
      return f;
    });
  }

  async toArtifacts(sink: BlobSink): Promise<string[]> {
    const { models, state } = this;
    if (models.length === 0 || !state)
      throw new ForecasterError(
        ForecasterErrorCode.NotFitted,
        `The ${this.kind} model is not fitted`,
      );
    const header: ForecasterHeader = {
      schemaVersion: FORECASTER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params },
      target: state.target,
      horizon: state.horizon,
      state,
    };
    await sink.put(FORECASTER_HEADER_KEY, new TextEncoder().encode(JSON.stringify(header)));
    const keys = [FORECASTER_HEADER_KEY];
    for (let m = 0; m < models.length; m++) {
      await models[m].save(blobSaveHandler(sink, memberPrefix(m)));
      keys.push(...modelKeys(memberPrefix(m)));
    }
    return keys;
  }

  create(): Forecaster {
    return new NeuralForecaster(this.kind, this.params, this.build);
  }

  dispose(): void {
    for (const model of this.models) model.dispose();
    this.models = [];
  }

  /** Rebuilds a trained forecaster from its header and the weights under `source`. */
  static async restore(
    header: ForecasterHeader,
    source: BlobSource,
    build: NetworkBuilder,
  ): Promise<NeuralForecaster> {
    const bad = (why: string): ForecasterError =>
      new ForecasterError(
        ForecasterErrorCode.InvalidArtifact,
        `Cannot restore ${header.kind}: ${why}`,
        {
          kind: header.kind,
        },
      );
    if (header.schemaVersion !== FORECASTER_SCHEMA_VERSION)
      throw bad(`unsupported schema version ${header.schemaVersion}`);
    const state: unknown = header.state;
    if (!isNeuralState(state)) throw bad('malformed state');
    // later versions only append covariates: a model saved with a prefix of today's list reads the same
    if (state.covariates.join() !== CALENDAR_COVARIATES.slice(0, state.covariates.length).join())
      throw bad(`saved with other calendar covariates (${state.covariates.join()})`);
    const known: readonly string[] = CALENDAR_COVARIATES;
    const unknownFuture = futureCalendar(state).filter((n) => !known.includes(n));
    if (unknownFuture.length) throw bad(`unknown future covariates (${unknownFuture.join()})`);
    await ensureTfBackend();
    const f = new NeuralForecaster(header.kind, header.params, build);
    try {
      for (let m = 0; m < state.members; m++)
        f.models.push(await tf.loadLayersModel(await blobLoadHandler(source, memberPrefix(m))));
    } catch (err) {
      f.dispose();
      throw err;
    }
    f.state = state;
    return f;
  }
}
