import { z } from 'zod';
import type { Forecaster } from '../forecast.types.js';
import type { ForecasterFactory, ForecasterHeader } from '../forecaster-factory.js';
import { parseParams } from '../stats/model-params.js';
import type { ObservedPrefix } from '../stats/observed-prefix.js';
import {
  StatForecaster,
  restoreStatForecaster,
  type FitData,
  type PointContext,
} from '../stats/stat-forecaster.base.js';

const KIND = 'seasonal-naive';
const paramsSchema = z
  .object({
    season: z.number().int().min(1).max(366),
    /** How many seasons back to look for an observed value of the same phase. */
    lookbackSeasons: z.number().int().min(1).max(52),
  })
  .strict();
type SeasonalNaiveParams = z.infer<typeof paramsSchema>;
const DEFAULTS: SeasonalNaiveParams = { season: 7, lookbackSeasons: 8 };

/**
 * Seasonal naive point path: step h repeats the most recent observed value of the same phase
 * (weekday for season 7) at or before the cutoff, looking back up to `lookbackSeasons` seasons; when
 * none is observed there, the last observed value of any day.
 */
export function seasonalNaivePath(
  history: Float64Array,
  horizon: number,
  season: number,
  lookbackSeasons: number,
): Float64Array {
  const last = history.length - 1;
  let lastObserved = NaN;
  for (let t = last; t >= 0; t--)
    if (!Number.isNaN(history[t])) {
      lastObserved = history[t];
      break;
    }
  const out = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    let t = last + h - season * Math.ceil(h / season);
    let value = NaN;
    for (let k = 0; k < lookbackSeasons && t >= 0; k++, t -= season)
      if (!Number.isNaN(history[t])) {
        value = history[t];
        break;
      }
    out[h - 1] = Number.isNaN(value) ? lastObserved : value;
  }
  return out;
}

/** Weekly seasonal naive; quantiles from the empirical distribution of its in-sample errors. */
export class SeasonalNaiveForecaster extends StatForecaster<null, SeasonalNaiveParams> {
  constructor(params?: Record<string, unknown>) {
    super(KIND, parseParams(KIND, paramsSchema, DEFAULTS, params), {
      covariates: false,
      probabilistic: false,
      minHistory: 7,
      neural: false,
    });
  }

  protected fitModel(data: FitData): { state: null; samples: number } {
    return { state: null, samples: data.series.reduce((n, s) => n + s.observed, 0) };
  }

  protected forecastPoint(
    history: Float64Array,
    _prefix: ObservedPrefix,
    ctx: PointContext,
  ): Float64Array {
    return seasonalNaivePath(history, ctx.horizon, this.params.season, this.params.lookbackSeasons);
  }

  protected parseState(raw: unknown): null {
    return z.null().parse(raw);
  }

  create(): Forecaster {
    return new SeasonalNaiveForecaster({ ...this.params });
  }
}

export const factory: ForecasterFactory = {
  kind: KIND,
  description:
    'Weekly seasonal naive: repeats the last observed week (the baseline of every leaderboard)',
  defaults: DEFAULTS,
  create: (params) => new SeasonalNaiveForecaster(params),
  restore: (header: ForecasterHeader) =>
    restoreStatForecaster((params) => new SeasonalNaiveForecaster(params), header),
};
