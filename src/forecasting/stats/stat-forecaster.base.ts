import { EventLoopSlices } from '../event-loop-slices.js';
import { z } from 'zod';
import { addDays } from '../../data/dates.js';
import { TARGETS, type SeriesPanel, type Target } from '../../data/series-panel.js';
import type {
  FitOptions,
  FitReport,
  Forecast,
  Forecaster,
  ForecasterCapabilities,
  PredictRequest,
} from '../forecast.types.js';
import type { BlobSink } from '../../storage/blob.types.js';
import {
  FORECASTER_HEADER_KEY,
  FORECASTER_SCHEMA_VERSION,
  type ForecasterHeader,
} from '../forecaster-factory.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';
import { issueLines } from './model-params.js';
import { ObservedPrefix } from './observed-prefix.js';
import { quantileForecast } from './quantile-forecast.js';
import {
  ResidualCollector,
  quantileTableSchema,
  type QuantileTable,
} from './residual-quantiles.js';
import {
  horizonDates,
  resolveCutoff,
  selectSeries,
  targetValues,
  type ResolvedCutoff,
  type SeriesHistory,
} from './series-history.js';
import { levelScale, recentZeroShare, SCALE_WINDOW } from './series-scale.js';
import type { ModelInputs } from '../model-inputs.js';

/** What a statistical kind fits on: every series with enough history, cut at the cutoff. */
export interface FitData {
  panel: SeriesPanel;
  target: Target;
  horizon: number;
  cutoff: ResolvedCutoff;
  series: SeriesHistory[];
  /** The fit's seed (FitOptions.seed), for kinds that sample. */
  seed?: number;
}

/** Where a point forecast starts: `history` ends on `cutoff` (ISO); steps 1..horizon follow it. */
export interface PointContext {
  seriesId: string;
  cutoff: string;
  horizon: number;
}

/** What a statistical kind declares it reads; `scaling` only when it scales its inputs. */
export type DeclaredInputs = Omit<ModelInputs, 'kind' | 'scaling'> & { scaling?: string };

/** Runs synchronous work as a promise: a throw becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

/** Origins (days before the cutoff) whose in-sample forecasts feed the residual quantiles. */
export const RESIDUAL_ORIGINS = 168;

const stateEnvelopeSchema = z.object({ model: z.unknown(), quantiles: quantileTableSchema });

/**
 * Shared mechanics of the statistical kinds: validation of fit/predict requests, series selection,
 * residual quantiles from in-sample rolling forecasts over the last RESIDUAL_ORIGINS origins (scaled
 * by each series' level, binned by intermittency), the JSON header and restore. A kind supplies
 * `fitModel` (its fitted state, JSON-serialisable) and `forecastPoint` (a point path from a history).
 *
 * Predictions depend only on the fitted state and the request's history up to its cutoff: the
 * history is re-read from the request panel, so a model fitted once forecasts from any later cutoff.
 */
export abstract class StatForecaster<S, P extends Record<string, unknown>> implements Forecaster {
  target: Target | undefined;
  horizon: number | undefined;
  protected model: S | undefined;
  private quantiles: QuantileTable | undefined;

  protected constructor(
    readonly kind: string,
    readonly params: Readonly<P>,
    readonly capabilities: ForecasterCapabilities,
  ) {}

  /**
   * Fits the kind's own state (per-series parameters, coefficients...). A long fit (gbt's trees,
   * linear's rows) returns a promise and gives the event loop back while it runs (EventLoopSlices).
   */
  protected abstract fitModel(
    data: FitData,
  ): { state: S; samples: number } | Promise<{ state: S; samples: number }>;

  /** Point path for steps 1..ctx.horizon from `history` (index 0 = panel start, last = cutoff). */
  protected abstract forecastPoint(
    history: Float64Array,
    prefix: ObservedPrefix,
    ctx: PointContext,
  ): Float64Array;

  /** Validates a saved `state.model` (throws on a malformed one). */
  protected abstract parseState(raw: unknown): S;

  abstract create(): Forecaster;

  /**
   * What the kind reads: by default the target's whole history, nothing else, unscaled (per-series
   * smoothing); kinds with their own inputs (linear) override it. The residual quantiles every
   * statistical kind adds are scaled by the series level (mean |y| of the last SCALE_WINDOW days).
   */
  protected declaredInputs(): DeclaredInputs {
    return { lookbackDays: null, features: {}, calendar: [], panelColumns: [] };
  }

  inputs(): ModelInputs {
    const d = this.declaredInputs();
    const residuals = `residual quantiles scaled by the series level (mean |y| of the last ${SCALE_WINDOW} observed days)`;
    return {
      kind: this.kind,
      ...d,
      scaling: d.scaling ? `${d.scaling}; ${residuals}` : `none (the raw target); ${residuals}`,
    };
  }

  predict(req: PredictRequest): Promise<Forecast[]> {
    return settle(() => this.predictNow(req));
  }

  async fit(panel: SeriesPanel, opts: FitOptions): Promise<FitReport> {
    const started = performance.now();
    if (!Number.isInteger(opts.horizon) || opts.horizon < 1)
      throw new ForecasterError(
        ForecasterErrorCode.InvalidParams,
        `Horizon must be a positive integer, got ${opts.horizon}`,
        { horizon: opts.horizon },
      );
    const values = targetValues(panel, opts.target);
    const cutoff = resolveCutoff(panel, opts.cutoff);
    const series = selectSeries(panel, values, cutoff.index, this.capabilities.minHistory);
    const data: FitData = {
      panel,
      target: opts.target,
      horizon: opts.horizon,
      cutoff,
      series,
      seed: opts.seed,
    };
    const { state, samples } = await this.fitModel(data);
    this.model = state;
    this.target = opts.target;
    this.horizon = opts.horizon;
    const residuals = await this.collectResiduals(data);
    this.quantiles = residuals.build();
    const seconds = (performance.now() - started) / 1000;
    return {
      kind: this.kind,
      epochs: 1,
      trainLoss: [residuals.medianAbs()],
      valLoss: [],
      seconds,
      samples,
      samplesPerSec: seconds > 0 ? samples / seconds : 0,
    };
  }

  private predictNow(req: PredictRequest): Forecast[] {
    const { model, quantiles, target, horizon } = this;
    if (model === undefined || quantiles === undefined || !target || !horizon)
      throw new ForecasterError(
        ForecasterErrorCode.NotFitted,
        `The ${this.kind} model is not fitted`,
      );
    if (!Number.isInteger(req.horizon) || req.horizon < 1 || req.horizon > horizon)
      throw new ForecasterError(
        ForecasterErrorCode.HorizonExceedsFit,
        `Horizon ${req.horizon} is not within 1..${horizon}, the horizon this model was fitted for`,
        { horizon: req.horizon, fitted: horizon },
      );
    const values = targetValues(req.panel, target);
    const cutoff = resolveCutoff(req.panel, req.cutoff);
    const series = selectSeries(
      req.panel,
      values,
      cutoff.index,
      this.capabilities.minHistory,
      req.seriesIds,
    );
    const dates = horizonDates(cutoff.iso, req.horizon);
    const forecasts = series.map((s) => {
      const prefix = new ObservedPrefix(s.values);
      const point = this.forecastPoint(s.values, prefix, {
        seriesId: s.id,
        cutoff: cutoff.iso,
        horizon: req.horizon,
      });
      return quantileForecast(
        s.id,
        dates,
        point,
        levelScale(prefix),
        recentZeroShare(prefix),
        quantiles,
      );
    });
    return forecasts;
  }

  async toArtifacts(sink: BlobSink): Promise<string[]> {
    const { model, quantiles, target, horizon } = this;
    if (model === undefined || quantiles === undefined || !target || !horizon)
      throw new ForecasterError(
        ForecasterErrorCode.NotFitted,
        `The ${this.kind} model is not fitted`,
      );
    const header: ForecasterHeader = {
      schemaVersion: FORECASTER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params },
      target,
      horizon,
      state: { model, quantiles },
    };
    await sink.put(FORECASTER_HEADER_KEY, new TextEncoder().encode(JSON.stringify(header)));
    return [FORECASTER_HEADER_KEY];
  }

  /** Loads a saved header into this (untrained) instance; used by the kind's factory `restore`. */
  restoreHeader(header: ForecasterHeader): this {
    const bad = (why: string): ForecasterError =>
      new ForecasterError(
        ForecasterErrorCode.InvalidArtifact,
        `Cannot restore ${this.kind}: ${why}`,
        {
          kind: header.kind,
        },
      );
    if (header.kind !== this.kind) throw bad(`the header is for kind '${header.kind}'`);
    if (header.schemaVersion !== FORECASTER_SCHEMA_VERSION)
      throw bad(`unsupported schema version ${header.schemaVersion}`);
    const target = TARGETS.find((t) => t === header.target);
    if (!target) throw bad(`unknown target '${header.target}'`);
    if (!Number.isInteger(header.horizon) || header.horizon < 1)
      throw bad(`invalid horizon ${header.horizon}`);
    const envelope = stateEnvelopeSchema.safeParse(header.state);
    if (!envelope.success) throw bad('malformed state');
    try {
      this.model = this.parseState(envelope.data.model);
    } catch (e) {
      // A zod error's message is multi-line JSON: its issues on one line instead.
      const why =
        e instanceof z.ZodError
          ? issueLines(e, '(state)').join('; ')
          : e instanceof Error
            ? e.message
            : String(e);
      throw bad(`malformed model state (${why})`);
    }
    this.quantiles = envelope.data.quantiles;
    this.target = target;
    this.horizon = header.horizon;
    return this;
  }

  dispose(): void {
    this.model = undefined;
    this.quantiles = undefined;
  }

  /**
   * In-sample rolling forecasts: for every origin in the last RESIDUAL_ORIGINS + horizon days before
   * the cutoff where the series has enough history, the point path from the history up to the origin
   * is compared with the observed actuals up to the cutoff. Seconds for gbt: the event loop gets
   * slices between series.
   */
  private async collectResiduals(data: FitData): Promise<ResidualCollector> {
    const collector = new ResidualCollector(data.horizon);
    const last = data.cutoff.index;
    const minHistory = this.capabilities.minHistory;
    const slices = new EventLoopSlices();
    for (const s of data.series) {
      await slices.pause();
      const prefix = new ObservedPrefix(s.values);
      for (let o = Math.max(0, last - RESIDUAL_ORIGINS - data.horizon); o < last; o++) {
        const steps = Math.min(data.horizon, last - o);
        if (prefix.observed(0, o + 1) < minHistory || prefix.observed(o + 1, o + 1 + steps) === 0)
          continue;
        const history = s.values.subarray(0, o + 1);
        const point = this.forecastPoint(history, prefix, {
          seriesId: s.id,
          cutoff: data.panel.dates[o] ?? addDays(data.panel.dates[0], o),
          horizon: steps,
        });
        const scale = levelScale(prefix, o + 1);
        const zeroShare = recentZeroShare(prefix, o + 1);
        for (let h = 1; h <= steps; h++) {
          const actual = s.values[o + h];
          if (!Number.isNaN(actual)) collector.add(h, (actual - point[h - 1]) / scale, zeroShare);
        }
      }
    }
    return collector;
  }
}

/**
 * A factory's `restore` for a statistical kind: builds the forecaster from the saved params and loads
 * the header; any problem (including params the kind rejects) is INVALID_ARTIFACT.
 */
export function restoreStatForecaster<F extends StatForecaster<unknown, Record<string, unknown>>>(
  make: (params: Record<string, unknown>) => F,
  header: ForecasterHeader,
): Promise<Forecaster> {
  return settle(() => {
    let forecaster: F;
    try {
      forecaster = make(header.params);
    } catch (e) {
      throw new ForecasterError(
        ForecasterErrorCode.InvalidArtifact,
        `Cannot restore ${header.kind}: ${e instanceof Error ? e.message : String(e)}`,
        { kind: header.kind },
      );
    }
    return forecaster.restoreHeader(header);
  });
}
