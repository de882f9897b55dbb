import { EventLoopSlices } from '../event-loop-slices.js';
import { z } from 'zod';
import { toEpochDay } from '../../data/dates.js';
import type { Forecaster } from '../forecast.types.js';
import type { ForecasterFactory, ForecasterHeader } from '../forecaster-factory.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';
import {
  CalendarRows,
  LEGACY_TARGET_DAY_COVARIATES,
  targetDayCovariates,
} from '../stats/calendar-rows.js';
import {
  featureCount,
  featureNames,
  LAG_LOOKBACK_DAYS,
  originFeatures,
  penalized,
  stepFeatures,
  type LagFeatureConfig,
  type OriginFeatures,
} from '../stats/lag-features.js';
import {
  ridgeYearBackNames,
  writeYearBack,
  yearBackLookback,
} from '../stats/year-back-features.js';
import { lagRowParamsShape } from '../stats/lag-row-params.js';
import { parseParams } from '../stats/model-params.js';
import { ObservedPrefix } from '../stats/observed-prefix.js';
import { NormalEquations } from '../stats/ridge.js';
import { levelScale } from '../stats/series-scale.js';
import {
  StatForecaster,
  restoreStatForecaster,
  type DeclaredInputs,
  type FitData,
  type PointContext,
} from '../stats/stat-forecaster.base.js';

const KIND = 'linear';
const paramsSchema = z
  .object({
    ...lagRowParamsShape,
    /** Ridge penalty per unit of sample weight. */
    l2: z.number().min(0).max(100),
    /**
     * Years back (0–2) whose change enters as features: for each, the recent 28-day mean times how
     * the same weeks moved 364·k days earlier, and the level in the week around the target day then
     * (year-back-features.ts).
     */
    yearsBack: z.number().int().min(0).max(2),
  })
  .strict();
type LinearParams = z.infer<typeof paramsSchema>;
const DEFAULTS: LinearParams = {
  lags: 14,
  l2: 1e-3,
  trainDays: 728,
  weighting: 'scale',
  clip: 10,
  yearly: true,
  yearsBack: 1,
};

const stateSchema = z.object({
  features: z.number().int().positive(),
  /** Target-day calendar covariates in row order (absent in models saved before they were listed). */
  covariates: z.array(z.string()).optional(),
  /** One coefficient vector per horizon step. */
  coefficients: z.array(z.array(z.number().finite())),
});
type LinearState = z.infer<typeof stateSchema>;

/**
 * Global ridge regression on lag features of per-series-scaled targets, direct multi-horizon: one
 * ridge per horizon step, solved in closed form. Rows come from every origin day of the last
 * `trainDays` days of every series (a row per observed target day), weighted by series level.
 */
export class LinearForecaster extends StatForecaster<LinearState, LinearParams> {
  private calendar = new CalendarRows(targetDayCovariates(this.params.yearly));

  constructor(params?: Record<string, unknown>) {
    super(KIND, parseParams(KIND, paramsSchema, DEFAULTS, params), {
      covariates: true,
      probabilistic: false,
      minHistory: 28,
      neural: false,
    });
  }

  private get features(): LagFeatureConfig {
    return { lags: this.params.lags, clip: this.params.clip, covariates: this.calendar.names };
  }

  /** Its feature row as the builder writes it (lag-features.ts), and the calendar covariates in it. */
  protected override declaredInputs(): DeclaredInputs {
    const cfg = this.features;
    return {
      lookbackDays: Math.max(cfg.lags, LAG_LOOKBACK_DAYS, yearBackLookback(this.params.yearsBack)),
      features: { step: [...featureNames(cfg), ...ridgeYearBackNames(this.params.yearsBack)] },
      calendar: [...cfg.covariates],
      panelColumns: [],
      scaling: `values divided by the series level (mean |y| of the last ${LAG_LOOKBACK_DAYS} observed days at the origin), clipped to ±${cfg.clip}`,
    };
  }

  /** Rows are added series by series, giving the event loop slices (EventLoopSlices). */
  protected async fitModel(data: FitData): Promise<{ state: LinearState; samples: number }> {
    this.calendar = new CalendarRows(targetDayCovariates(this.params.yearly));
    const cfg = this.features;
    const base = featureCount(cfg);
    const dim = this.rowWidth();
    const equations = Array.from({ length: data.horizon }, () => new NormalEquations(dim));
    const last = data.cutoff.index;
    const day0 = toEpochDay(data.panel.dates[0]);
    const row = new Float64Array(dim);
    const minHistory = this.capabilities.minHistory;
    const slices = new EventLoopSlices();
    for (const s of data.series) {
      await slices.pause();
      const prefix = new ObservedPrefix(s.values);
      for (let o = Math.max(0, last - this.params.trainDays); o < last; o++) {
        if (prefix.observed(0, o + 1) < minHistory) continue;
        const steps = Math.min(data.horizon, last - o);
        if (prefix.observed(o + 1, o + 1 + steps) === 0) continue;
        const scale = levelScale(prefix, o + 1);
        const origin = originFeatures(s.values, prefix, o, scale, cfg);
        const weight = this.params.weighting === 'scale' ? scale : 1;
        for (let h = 1; h <= steps; h++) {
          const actual = s.values[o + h];
          if (Number.isNaN(actual)) continue;
          stepFeatures(s.values, origin, h, this.calendar.get(day0 + o + h), cfg, row);
          this.yearBack(prefix, origin, h, day0 + o + h, base, row);
          const target = Math.max(-cfg.clip, Math.min(cfg.clip, actual / scale));
          equations[h - 1].add(row, target, weight);
        }
      }
    }
    const penalty = [...penalized(cfg), ...new Array<boolean>(dim - base).fill(true)];
    const coefficients = equations.map((eq) => Array.from(eq.solve(this.params.l2, penalty)));
    const samples = equations.reduce((n, eq) => n + eq.count, 0);
    return { state: { features: dim, covariates: [...cfg.covariates], coefficients }, samples };
  }

  protected forecastPoint(
    history: Float64Array,
    prefix: ObservedPrefix,
    ctx: PointContext,
  ): Float64Array {
    const model = this.model;
    if (!model)
      throw new ForecasterError(ForecasterErrorCode.NotFitted, 'The linear model is not fitted');
    const cfg = this.features;
    const o = history.length - 1;
    const scale = levelScale(prefix, history.length);
    const origin = originFeatures(history, prefix, o, scale, cfg);
    const cutoffDay = toEpochDay(ctx.cutoff);
    const row = new Float64Array(model.features);
    const out = new Float64Array(ctx.horizon);
    for (let h = 1; h <= ctx.horizon; h++) {
      stepFeatures(history, origin, h, this.calendar.get(cutoffDay + h), cfg, row);
      this.yearBack(prefix, origin, h, cutoffDay + h, featureCount(cfg), row);
      const beta = model.coefficients[h - 1];
      if (!beta)
        throw new ForecasterError(
          ForecasterErrorCode.InvalidArtifact,
          `The linear model has no coefficients for step ${h}`,
        );
      let z = 0;
      for (let i = 0; i < row.length; i++) z += beta[i] * row[i];
      out[h - 1] = z * scale;
    }
    return out;
  }

  /** Features per row: the lag builder's, then the year-back ones. */
  private rowWidth(): number {
    return featureCount(this.features) + ridgeYearBackNames(this.params.yearsBack).length;
  }

  /** The year-back features of step `h` into `row` from `at` on (none with `yearsBack` 0). */
  private yearBack(
    prefix: ObservedPrefix,
    origin: OriginFeatures,
    h: number,
    targetDay: number,
    at: number,
    row: Float64Array,
  ): void {
    const { yearsBack, clip, lags } = this.params;
    const mean28 = origin.values[lags + 1];
    writeYearBack(prefix, origin, h, targetDay, yearsBack, clip, row, at, { mean28 });
  }

  protected parseState(raw: unknown): LinearState {
    const state = stateSchema.parse(raw);
    this.calendar = new CalendarRows(state.covariates ?? LEGACY_TARGET_DAY_COVARIATES);
    const dim = this.rowWidth();
    if (state.features !== dim) throw new Error(`expected ${dim} features, got ${state.features}`);
    if (state.coefficients.some((c) => c.length !== state.features))
      throw new Error('coefficient vector of the wrong length');
    return state;
  }

  create(): Forecaster {
    return new LinearForecaster({ ...this.params });
  }

  override dispose(): void {
    super.dispose();
    this.calendar.clear();
  }
}

export const factory: ForecasterFactory = {
  kind: KIND,
  description:
    'Global ridge regression on scaled lags and calendar features, one ridge per horizon step',
  defaults: DEFAULTS,
  create: (params) => new LinearForecaster(params),
  restore: (header: ForecasterHeader) =>
    // Models saved before the year-back features have no `yearsBack`: their rows had none.
    restoreStatForecaster((params) => new LinearForecaster({ yearsBack: 0, ...params }), header),
};
