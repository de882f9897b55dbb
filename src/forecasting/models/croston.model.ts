import { z } from 'zod';
import type { Forecaster } from '../forecast.types.js';
import type { ForecasterFactory, ForecasterHeader } from '../forecaster-factory.js';
import { bestOnGrid, croston } from '../stats/intermittent-demand.js';
import { parseParams } from '../stats/model-params.js';
import type { ObservedPrefix } from '../stats/observed-prefix.js';
import { PerSeriesParams, perSeriesParamsSchema } from '../stats/per-series-params.js';
import {
  StatForecaster,
  restoreStatForecaster,
  type FitData,
  type PointContext,
} from '../stats/stat-forecaster.base.js';

const KIND = 'croston';
const paramsSchema = z
  .object({
    /** 'sba' applies the Syntetos–Boylan correction 1 − α/2. */
    variant: z.enum(['classic', 'sba']),
    /** Smoothing of size and interval (used as is when `fitSmoothing` is false). */
    alpha: z.number().gt(0).max(1),
    fitSmoothing: z.boolean(),
    maxHistory: z.number().int().min(28).max(5000),
  })
  .strict();
type CrostonParams = z.infer<typeof paramsSchema>;
const DEFAULTS: CrostonParams = { variant: 'sba', alpha: 0.1, fitSmoothing: true, maxHistory: 730 };
const GRID = [0.05, 0.1, 0.2, 0.3];

/** Croston's method: flat forecast = smoothed demand size / smoothed interval between demands. */
export class CrostonForecaster extends StatForecaster<PerSeriesParams, CrostonParams> {
  constructor(params?: Record<string, unknown>) {
    super(KIND, parseParams(KIND, paramsSchema, DEFAULTS, params), {
      covariates: false,
      probabilistic: false,
      minHistory: 14,
      neural: false,
    });
  }

  protected fitModel(data: FitData): { state: PerSeriesParams; samples: number } {
    const { alpha, fitSmoothing, variant, maxHistory } = this.params;
    const sba = variant === 'sba';
    const fitted = new Map<string, number[]>();
    let samples = 0;
    for (const s of data.series) {
      samples += s.observed;
      const a = fitSmoothing
        ? bestOnGrid(GRID, (g) => croston(s.values, g, sba, maxHistory))
        : alpha;
      fitted.set(s.id, [a]);
    }
    return { state: PerSeriesParams.fromFitted(['alpha'], fitted, [alpha]), samples };
  }

  protected forecastPoint(
    history: Float64Array,
    _prefix: ObservedPrefix,
    ctx: PointContext,
  ): Float64Array {
    const [a] = this.model?.get(ctx.seriesId) ?? [this.params.alpha];
    const { variant, maxHistory } = this.params;
    return new Float64Array(ctx.horizon).fill(
      croston(history, a, variant === 'sba', maxHistory).forecast,
    );
  }

  protected parseState(raw: unknown): PerSeriesParams {
    return new PerSeriesParams(perSeriesParamsSchema.parse(raw));
  }

  create(): Forecaster {
    return new CrostonForecaster({ ...this.params });
  }
}

export const factory: ForecasterFactory = {
  kind: KIND,
  description: "Croston's method for intermittent demand (SBA bias correction by default)",
  defaults: DEFAULTS,
  create: (params) => new CrostonForecaster(params),
  restore: (header: ForecasterHeader) =>
    restoreStatForecaster((params) => new CrostonForecaster(params), header),
};
