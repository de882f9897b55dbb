import { z } from 'zod';
import type { Forecaster } from '../forecast.types.js';
import type { ForecasterFactory, ForecasterHeader } from '../forecaster-factory.js';
import {
  fitHoltWinters,
  holtWintersFilter,
  holtWintersForecast,
  type HoltWintersConfig,
  type HoltWintersParams,
} from '../stats/holt-winters.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';
import { parseParams } from '../stats/model-params.js';
import type { ObservedPrefix } from '../stats/observed-prefix.js';
import { PerSeriesParams, perSeriesParamsSchema } from '../stats/per-series-params.js';
import {
  StatForecaster,
  restoreStatForecaster,
  type FitData,
  type PointContext,
} from '../stats/stat-forecaster.base.js';

const KIND = 'ets';
const paramsSchema = z
  .object({
    season: z.number().int().min(2).max(366),
    trend: z.enum(['none', 'additive', 'damped']),
    /** Damping factor of the 'damped' trend. */
    phi: z.number().min(0.5).max(1),
    /** Days of history filtered (the most recent ones). */
    maxHistory: z.number().int().min(28).max(5000),
    /** Objective evaluations per series in the Nelder–Mead search. */
    maxEvals: z.number().int().min(10).max(2000),
  })
  .strict();
type EtsParams = z.infer<typeof paramsSchema>;
const DEFAULTS: EtsParams = {
  season: 7,
  trend: 'none',
  phi: 0.9,
  maxHistory: 730,
  maxEvals: 80,
};
const NAMES = ['alpha', 'beta', 'gamma'];
const START: HoltWintersParams = { alpha: 0.1, beta: 0.01, gamma: 0.1 };

/**
 * Additive weekly Holt-Winters (level, optional damped trend, seasonal terms), smoothing parameters
 * fitted per series by minimising in-sample one-step SSE. Series unseen at fit time use the median
 * parameters. The state keeps the parameters only: the filter reruns over the request's history.
 */
export class EtsForecaster extends StatForecaster<PerSeriesParams, EtsParams> {
  constructor(params?: Record<string, unknown>) {
    super(KIND, parseParams(KIND, paramsSchema, DEFAULTS, params), {
      covariates: false,
      probabilistic: false,
      minHistory: 28,
      neural: false,
    });
  }

  private get config(): HoltWintersConfig {
    const { season, trend, phi, maxHistory } = this.params;
    return {
      season,
      trend: trend !== 'none',
      phi: trend === 'damped' ? phi : 1,
      maxHistory,
    };
  }

  protected fitModel(data: FitData): { state: PerSeriesParams; samples: number } {
    const cfg = this.config;
    const fitted = new Map<string, number[]>();
    let samples = 0;
    for (const s of data.series) {
      const p = fitHoltWinters(s.values, cfg, START, this.params.maxEvals);
      fitted.set(s.id, [p.alpha, p.beta, p.gamma]);
      samples += s.observed;
    }
    const state = PerSeriesParams.fromFitted(NAMES, fitted, [START.alpha, START.beta, START.gamma]);
    return { state, samples };
  }

  protected forecastPoint(
    history: Float64Array,
    _prefix: ObservedPrefix,
    ctx: PointContext,
  ): Float64Array {
    const [alpha, beta, gamma] = this.requireModel().get(ctx.seriesId);
    const cfg = this.config;
    const state = holtWintersFilter(history, { alpha, beta, gamma }, cfg);
    return holtWintersForecast(state, history.length, ctx.horizon, cfg);
  }

  protected parseState(raw: unknown): PerSeriesParams {
    return new PerSeriesParams(perSeriesParamsSchema.parse(raw));
  }

  /** Fitted smoothing parameters of a series (the median ones for a series the fit did not see). */
  smoothingParams(seriesId: string): HoltWintersParams {
    const [alpha, beta, gamma] = this.requireModel().get(seriesId);
    return { alpha, beta, gamma };
  }

  create(): Forecaster {
    return new EtsForecaster({ ...this.params });
  }

  private requireModel(): PerSeriesParams {
    if (!this.model)
      throw new ForecasterError(ForecasterErrorCode.NotFitted, 'The ets model is not fitted');
    return this.model;
  }
}

export const factory: ForecasterFactory = {
  kind: KIND,
  description: 'Additive weekly Holt-Winters, smoothing parameters fitted per series',
  defaults: DEFAULTS,
  create: (params) => new EtsForecaster(params),
  restore: (header: ForecasterHeader) =>
    restoreStatForecaster((params) => new EtsForecaster(params), header),
};
