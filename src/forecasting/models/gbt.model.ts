import { z } from 'zod';
import { toEpochDay } from '../../data/dates.js';
import type { Forecaster } from '../forecast.types.js';
import type { ForecasterFactory, ForecasterHeader } from '../forecaster-factory.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';
import { mulberry32 } from '../neural/seeded-random.js';
import { CalendarRows, targetDayCovariates } from '../stats/calendar-rows.js';
import {
  featureCount,
  featureNames,
  LAG_LOOKBACK_DAYS,
  originFeatures,
  stepFeatures,
  type OriginFeatures,
  type LagFeatureConfig,
} from '../stats/lag-features.js';
import { lagRowParamsShape } from '../stats/lag-row-params.js';
import { parseParams } from '../stats/model-params.js';
import { treeYearBackNames, writeYearBack, yearBackLookback } from '../stats/year-back-features.js';
import { ObservedPrefix } from '../stats/observed-prefix.js';
import { levelScale } from '../stats/series-scale.js';
import {
  StatForecaster,
  restoreStatForecaster,
  type DeclaredInputs,
  type FitData,
  type PointContext,
} from '../stats/stat-forecaster.base.js';
import { fitBoostedTreesYielding } from '../trees/gradient-boosting.js';
import { TreeEnsemble, treeEnsembleStateSchema } from '../trees/regression-tree.js';

const KIND = 'gbt';
const paramsSchema = z
  .object({
    ...lagRowParamsShape,
    /** Most training rows (origin, step) drawn from all candidates; the rest are left out at random. */
    maxRows: z.number().int().min(1000).max(2_000_000),
    /** The series level (log10 of its scale) as a feature, so that trees can treat big and small series apart. */
    levelFeature: z.boolean(),
    /**
     * Years back (0–2) whose change enters as features: for each, the series' mean in the week
     * around the target day 364·k days earlier over its mean in the 28 days before the origin
     * 364·k days earlier (how the same weeks moved then), and that week's mean over the current
     * level; −1 where those days were not observed (year-back-features.ts).
     */
    yearsBack: z.number().int().min(0).max(2),
    /** Boosting rounds (trees). */
    rounds: z.number().int().min(1).max(3000),
    learningRate: z.number().min(0.001).max(1),
    /** Leaves per tree (grown best-first). */
    maxLeaves: z.number().int().min(2).max(1024),
    maxDepth: z.number().int().min(1).max(20),
    /** Fewest training rows in a leaf. */
    minLeafRows: z.number().int().min(1).max(100_000),
    /** L2 penalty on leaf values (in rows of mean weight). */
    l2: z.number().min(0).max(10_000),
    /** Share of rows each tree sees. */
    subsample: z.number().min(0.05).max(1),
    /** Share of features each tree may split on. */
    colsample: z.number().min(0.05).max(1),
    /** Most bins per feature. */
    maxBins: z.number().int().min(4).max(256),
    /** 'l2' fits the mean of the scaled target, 'l1' its median (what WAPE rewards). */
    objective: z.enum(['l2', 'l1']),
    /** Seed of the row, feature and binning samples (the fit's seed, when given, wins). */
    seed: z.number().int().min(0),
  })
  .strict();
type GbtParams = z.infer<typeof paramsSchema>;
/**
 * `weighting: 'none'`: level weights let a few large series set the leaves; `yearly: false`: with two
 * or three years of history the trees use the day of year to recall single dates of past years (both
 * measured in docs/BENCHMARKS.md).
 */
const DEFAULTS: GbtParams = {
  lags: 14,
  trainDays: 728,
  maxRows: 200_000,
  weighting: 'none',
  clip: 10,
  yearly: false,
  levelFeature: false,
  yearsBack: 1,
  rounds: 300,
  learningRate: 0.05,
  maxLeaves: 31,
  maxDepth: 8,
  minLeafRows: 100,
  l2: 10,
  subsample: 0.5,
  colsample: 0.8,
  maxBins: 64,
  objective: 'l1',
  seed: 42,
};

const stateSchema = z.object({
  /** Target-day calendar covariates in row order. */
  covariates: z.array(z.string()),
  /** Names of the whole feature row (lag builder's, then the trees' own). */
  featureNames: z.array(z.string()),
  trees: treeEnsembleStateSchema,
});
type GbtState = z.infer<typeof stateSchema>;

/** The features the trees add after the lag builder's row. */
function extraNames(params: GbtParams): string[] {
  return [
    'horizon_step',
    ...(params.levelFeature ? ['log10_level'] : []),
    ...treeYearBackNames(params.yearsBack),
  ];
}

/**
 * Gradient-boosted regression trees on the linear kind's feature rows (lags and recent means divided
 * by the series level, weekday, calendar and Spring Festival flags) plus the horizon step: one global
 * model over every series and step (direct multi-horizon, the step a feature), fitted on a random
 * sample of exactly min(maxRows, all) of the (origin, step) rows of the last `trainDays` days.
 */
export class GbtForecaster extends StatForecaster<GbtState, GbtParams> {
  private calendar = new CalendarRows(targetDayCovariates(this.params.yearly));
  private ensemble: TreeEnsemble | undefined;

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

  private rowNames(): string[] {
    return [...featureNames(this.features), ...extraNames(this.params)];
  }

  protected override declaredInputs(): DeclaredInputs {
    const cfg = this.features;
    return {
      lookbackDays: Math.max(cfg.lags, LAG_LOOKBACK_DAYS, yearBackLookback(this.params.yearsBack)),
      features: { step: this.rowNames() },
      calendar: [...cfg.covariates],
      panelColumns: [],
      scaling: `values divided by the series level (mean |y| of the last ${LAG_LOOKBACK_DAYS} observed days at the origin), clipped to ±${cfg.clip}`,
    };
  }

  /** The whole feature row of step `h` into `row`. */
  private writeRow(
    history: Float64Array,
    prefix: ObservedPrefix,
    origin: OriginFeatures,
    h: number,
    epochDay: number,
    row: Float64Array,
  ): void {
    const cfg = this.features;
    stepFeatures(history, origin, h, this.calendar.get(epochDay), cfg, row);
    let k = featureCount(cfg);
    row[k++] = h;
    if (this.params.levelFeature) row[k++] = Math.log10(origin.scale);
    writeYearBack(prefix, origin, h, epochDay, this.params.yearsBack, cfg.clip, row, k);
  }

  /**
   * Calls `visit` for every training origin of every series (enough history, an observed day within
   * the horizon after it) and returns how many (origin, step) rows have an observed target; the origin
   * features are built on demand.
   */
  private visitCandidates(
    data: FitData,
    visit: (
      values: Float64Array,
      prefix: ObservedPrefix,
      origin: number,
      originOf: () => OriginFeatures,
    ) => void,
  ): number {
    const cfg = this.features;
    const last = data.cutoff.index;
    const minHistory = this.capabilities.minHistory;
    let count = 0;
    for (const s of data.series) {
      const prefix = new ObservedPrefix(s.values);
      for (let o = Math.max(0, last - this.params.trainDays); o < last; o++) {
        if (prefix.observed(0, o + 1) < minHistory) continue;
        const observed = prefix.observed(o + 1, o + 1 + Math.min(data.horizon, last - o));
        if (observed === 0) continue;
        count += observed;
        let origin: OriginFeatures | undefined;
        visit(s.values, prefix, o, () => {
          origin ??= originFeatures(s.values, prefix, o, levelScale(prefix, o + 1), cfg);
          return origin;
        });
      }
    }
    return count;
  }

  protected async fitModel(data: FitData): Promise<{ state: GbtState; samples: number }> {
    this.calendar = new CalendarRows(targetDayCovariates(this.params.yearly));
    const cfg = this.features;
    const names = this.rowNames();
    const dim = names.length;
    const last = data.cutoff.index;
    const seed = data.seed ?? this.params.seed;
    const day0 = toEpochDay(data.panel.dates[0]);
    const total = this.visitCandidates(data, () => undefined);
    // Exactly min(maxRows, total) of the candidate rows, each equally likely (selection sampling).
    const n = Math.min(this.params.maxRows, total);
    const random = mulberry32(seed ^ 0x5bd1e995);
    const x = new Float32Array(n * dim);
    const y = new Float64Array(n);
    const w = new Float64Array(n);
    const row = new Float64Array(dim);
    let seen = 0;
    let at = 0;
    this.visitCandidates(data, (s, prefix, o, originOf) => {
      const steps = Math.min(data.horizon, last - o);
      for (let h = 1; h <= steps; h++) {
        const actual = s[o + h];
        if (Number.isNaN(actual)) continue;
        const take = random() * (total - seen) < n - at;
        seen++;
        if (!take) continue;
        const origin = originOf();
        this.writeRow(s, prefix, origin, h, day0 + o + h, row);
        x.set(row, at * dim);
        y[at] = Math.max(-cfg.clip, Math.min(cfg.clip, actual / origin.scale));
        w[at] = this.params.weighting === 'scale' ? origin.scale : 1;
        at++;
      }
    });
    const p = this.params;
    const trees = await fitBoostedTreesYielding(
      { x, features: dim, y, w },
      {
        rounds: p.rounds,
        learningRate: p.learningRate,
        maxLeaves: p.maxLeaves,
        maxDepth: p.maxDepth,
        minLeafRows: p.minLeafRows,
        l2: p.l2,
        minGain: 0,
        subsample: p.subsample,
        colsample: p.colsample,
        maxBins: p.maxBins,
        objective: p.objective,
        seed,
      },
    );
    this.ensemble = new TreeEnsemble(trees);
    return { state: { covariates: [...cfg.covariates], featureNames: names, trees }, samples: n };
  }

  protected forecastPoint(
    history: Float64Array,
    prefix: ObservedPrefix,
    ctx: PointContext,
  ): Float64Array {
    const ensemble = this.ensemble;
    if (!ensemble)
      throw new ForecasterError(ForecasterErrorCode.NotFitted, 'The gbt model is not fitted');
    const o = history.length - 1;
    const scale = levelScale(prefix, history.length);
    const origin = originFeatures(history, prefix, o, scale, this.features);
    const cutoffDay = toEpochDay(ctx.cutoff);
    const row = new Float64Array(ensemble.state.features);
    const out = new Float64Array(ctx.horizon);
    for (let h = 1; h <= ctx.horizon; h++) {
      this.writeRow(history, prefix, origin, h, cutoffDay + h, row);
      out[h - 1] = ensemble.predict(row) * scale;
    }
    return out;
  }

  protected parseState(raw: unknown): GbtState {
    const state = stateSchema.parse(raw);
    this.calendar = new CalendarRows(state.covariates);
    const names = this.rowNames();
    if (state.featureNames.join(',') !== names.join(','))
      throw new Error(`expected the features ${names.join(', ')}`);
    if (state.trees.features !== names.length)
      throw new Error(`expected ${names.length} features, got ${state.trees.features}`);
    this.ensemble = new TreeEnsemble(state.trees);
    return state;
  }

  create(): Forecaster {
    return new GbtForecaster({ ...this.params });
  }

  override dispose(): void {
    super.dispose();
    this.ensemble = undefined;
    this.calendar.clear();
  }
}

export const factory: ForecasterFactory = {
  kind: KIND,
  description:
    'Global gradient-boosted regression trees on scaled lags and calendar features, the horizon step a feature',
  defaults: DEFAULTS,
  create: (params) => new GbtForecaster(params),
  restore: (header: ForecasterHeader) =>
    // Models saved before these params were fitted with squared error and no year-back features.
    restoreStatForecaster(
      (params) => new GbtForecaster({ yearsBack: 0, objective: 'l2', ...params }),
      header,
    ),
};
