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

const KIND = 'moving-average';
const paramsSchema = z
  .object({
    /** Number of most recent observed days averaged. */
    window: z.number().int().min(1).max(730),
  })
  .strict();
type MovingAverageParams = z.infer<typeof paramsSchema>;
const DEFAULTS: MovingAverageParams = { window: 28 };

/** Mean of the last `window` observed values (missing days skipped); NaN without any. */
export function movingAverage(history: Float64Array, window: number): number {
  let sum = 0;
  let n = 0;
  for (let t = history.length - 1; t >= 0 && n < window; t--) {
    const v = history[t];
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

/** Flat forecast at the mean of the last `window` observed days. */
export class MovingAverageForecaster extends StatForecaster<null, MovingAverageParams> {
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
    return new Float64Array(ctx.horizon).fill(movingAverage(history, this.params.window));
  }

  protected parseState(raw: unknown): null {
    return z.null().parse(raw);
  }

  create(): Forecaster {
    return new MovingAverageForecaster({ ...this.params });
  }
}

export const factory: ForecasterFactory = {
  kind: KIND,
  description: 'Flat forecast at the mean of the last `window` observed days',
  defaults: DEFAULTS,
  create: (params) => new MovingAverageForecaster(params),
  restore: (header: ForecasterHeader) =>
    restoreStatForecaster((params) => new MovingAverageForecaster(params), header),
};
