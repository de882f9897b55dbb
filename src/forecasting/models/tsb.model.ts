import { z } from 'zod';
import type { Forecaster } from '../forecast.types.js';
import type { ForecasterFactory, ForecasterHeader } from '../forecaster-factory.js';
import { bestOnGrid, tsb } from '../stats/intermittent-demand.js';
import { parseParams } from '../stats/model-params.js';
import type { ObservedPrefix } from '../stats/observed-prefix.js';
import { PerSeriesParams, perSeriesParamsSchema } from '../stats/per-series-params.js';
import {
  StatForecaster,
  restoreStatForecaster,
  type FitData,
  type PointContext,
} from '../stats/stat-forecaster.base.js';

const KIND = 'tsb';
const paramsSchema = z
  .object({
    /** Smoothing of the demand size (used as is when `fitSmoothing` is false). */
    alphaSize: z.number().gt(0).max(1),
    /** Smoothing of the demand probability. */
    alphaProb: z.number().gt(0).max(1),
    /** Pick both per series on a small grid by in-sample one-step MSE. */
    fitSmoothing: z.boolean(),
    maxHistory: z.number().int().min(28).max(5000),
  })
  .strict();
type TsbParams = z.infer<typeof paramsSchema>;
const DEFAULTS: TsbParams = {
  alphaSize: 0.1,
  alphaProb: 0.05,
  fitSmoothing: true,
  maxHistory: 730,
};
const SIZE_GRID = [0.05, 0.1, 0.2, 0.3];
const PROB_GRID = [0.02, 0.05, 0.1, 0.2, 0.3];
const GRID = SIZE_GRID.flatMap((a) => PROB_GRID.map((b) => [a, b]));

/** Teunter–Syntetos–Babai: flat forecast = smoothed demand probability × smoothed demand size. */
export class TsbForecaster extends StatForecaster<PerSeriesParams, TsbParams> {
  constructor(params?: Record<string, unknown>) {
    super(KIND, parseParams(KIND, paramsSchema, DEFAULTS, params), {
      covariates: false,
      probabilistic: false,
      minHistory: 14,
      neural: false,
    });
  }

  protected fitModel(data: FitData): { state: PerSeriesParams; samples: number } {
    const { alphaSize, alphaProb, fitSmoothing, maxHistory } = this.params;
    const fitted = new Map<string, number[]>();
    let samples = 0;
    for (const s of data.series) {
      samples += s.observed;
      fitted.set(
        s.id,
        fitSmoothing
          ? bestOnGrid(GRID, ([a, b]) => tsb(s.values, a, b, maxHistory))
          : [alphaSize, alphaProb],
      );
    }
    const state = PerSeriesParams.fromFitted(['alphaSize', 'alphaProb'], fitted, [
      alphaSize,
      alphaProb,
    ]);
    return { state, samples };
  }

  protected forecastPoint(
    history: Float64Array,
    _prefix: ObservedPrefix,
    ctx: PointContext,
  ): Float64Array {
    const [a, b] = this.model?.get(ctx.seriesId) ?? [this.params.alphaSize, this.params.alphaProb];
    return new Float64Array(ctx.horizon).fill(tsb(history, a, b, this.params.maxHistory).forecast);
  }

  protected parseState(raw: unknown): PerSeriesParams {
    return new PerSeriesParams(perSeriesParamsSchema.parse(raw));
  }

  create(): Forecaster {
    return new TsbForecaster({ ...this.params });
  }
}

export const factory: ForecasterFactory = {
  kind: KIND,
  description: 'Teunter–Syntetos–Babai for intermittent demand (probability × size, smoothed)',
  defaults: DEFAULTS,
  create: (params) => new TsbForecaster(params),
  restore: (header: ForecasterHeader) =>
    restoreStatForecaster((params) => new TsbForecaster(params), header),
};
