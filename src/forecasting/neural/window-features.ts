import { CALENDAR_COVARIATES } from '../../features/calendar-covariates.js';
import type { ColumnMeans } from './column-means.js';
import type { PanelView } from './panel-view.js';
import type { NeuralState } from './neural-state.js';

type CalendarName = (typeof CALENDAR_COVARIATES)[number];
const calendarIndex = (names: readonly CalendarName[]): number[] =>
  names.map((n) => CALENDAR_COVARIATES.indexOf(n));

/** Calendar covariates per history day: weekday position and the holiday / Spring Festival flags. */
export const PAST_CALENDAR_NAMES: readonly CalendarName[] = [
  'dow_sin',
  'dow_cos',
  'is_public_holiday',
  'sf_window',
  'sf_pre_eve',
  'sf_closure',
];
const PAST_CALENDAR = calendarIndex(PAST_CALENDAR_NAMES);
/**
 * Known-future covariates per target day (season goes in the statics: it barely moves in H days): the
 * layout of models saved before the Spring Festival day flags, which read the same way still.
 */
export const LEGACY_FUTURE_CALENDAR: readonly CalendarName[] = [
  'dow_sin',
  'dow_cos',
  'is_weekend',
  'is_public_holiday',
  'sf_window',
  'sf_pre_eve',
  'sf_closure',
];
/** Today's known-future covariates: the legacy ones plus the Spring Festival by-day flags. */
export const FUTURE_CALENDAR: readonly CalendarName[] = [
  ...LEGACY_FUTURE_CALENDAR,
  'sf_minus_10_5',
  'sf_minus_4',
  'sf_minus_3',
  'sf_minus_2',
  'sf_eve',
  'sf_day',
  'sf_plus_1_6',
];

/** The known-future covariates of a state (absent in models saved before they were listed). */
export function futureCalendar(state: Pick<NeuralState, 'futureCalendar'>): readonly string[] {
  return state.futureCalendar ?? LEGACY_FUTURE_CALENDAR;
}

/** Per target day after the weekday profile, when a state has them (futureYearBack). */
export const FUTURE_YEAR_BACK_NAMES = ['year_back_week_mean_scaled', 'year_back_observed'] as const;

/** Inputs per target day of a state: its future covariates, the weekday profile, the year-back pair. */
export function futureFeatureCount(
  state: Pick<NeuralState, 'futureCalendar' | 'futureYearBack'>,
): number {
  return (
    futureCalendar(state).length + 1 + (state.futureYearBack ? FUTURE_YEAR_BACK_NAMES.length : 0)
  );
}

/** Column indices (CALENDAR_COVARIATES order) of a state's future covariates; unknown names throw. */
function futureColumns(state: Pick<NeuralState, 'futureCalendar'>): number[] {
  const all: readonly string[] = CALENDAR_COVARIATES;
  return futureCalendar(state).map((n) => {
    const k = all.indexOf(n);
    if (k < 0) throw new Error(`unknown calendar covariate '${n}'`);
    return k;
  });
}
/** The origin's season, among the statics (origin_doy_sin/cos). */
export const SEASON_CALENDAR_NAMES: readonly CalendarName[] = ['doy_sin', 'doy_cos'];
const SEASON_CALENDAR = calendarIndex(SEASON_CALENDAR_NAMES);

/**
 * Windows → plain typed arrays. A window is (series s, origin t): inputs are days (t − lookback, t], targets
 * days (t, t + horizon]. Values are divided by the window's robust level (scale), computed from days ≤ t.
 *
 * past (per lookback day): scaled value (0 when missing), observed flag, listed flag, PAST_CALENDAR
 * future (per target day): the state's future calendar (FUTURE_CALENDAR), the series' scaled mean on that weekday over the last 91 days,
 *                          and (futureYearBack) its scaled mean in the week around the day 52 weeks earlier and whether that was observed
 * static:                  category one-hot (+ unknown), standardised log level, observed share of the last
 *                          91 days, loss rate, season of the origin (doy sin/cos), scaled means of the last
 *                          7 and 28 days, share of zeros among the last 91 days' observations; log ratios of
 *                          the last 7 days' selling and wholesale prices to their 91-day means (demand reacts
 *                          to sticky shelf prices); a year earlier: log ratio of the 28 days after the same
 *                          origin to the 91 days before it (annual season), and whether that was observed
 */
/** Per history day, before the calendar ones, in the order fillBatch writes them. */
export const PAST_VALUE_NAMES = ['value_scaled', 'observed', 'listed'] as const;
/** Per target day after its calendar covariates. */
export const FUTURE_PROFILE_NAME = 'weekday_mean_91_scaled';
/** The numeric statics after the category one-hot, in the order fillBatch writes them. */
export const STATIC_NUMERIC_NAMES = [
  'log_level_standardised',
  'observed_share_91',
  'loss_rate',
  'origin_doy_sin',
  'origin_doy_cos',
  'mean_7_scaled',
  'mean_28_scaled',
  'zero_share_91',
  'price_log_ratio_7_91',
  'wholesale_log_ratio_7_91',
  'year_ago_log_ratio_28_91',
  'year_ago_observed',
] as const;
export const PAST_VALUE_FEATURES = PAST_VALUE_NAMES.length;
export const PAST_FEATURES = PAST_VALUE_FEATURES + PAST_CALENDAR.length;
export const ACTIVITY_DAYS = 91;
const STATIC_NUMERIC = STATIC_NUMERIC_NAMES.length;
export const YEAR = 364;
const RATIO_CLIP = 2;

export function staticFeatureCount(categories: number): number {
  return categories + 1 + STATIC_NUMERIC;
}

/** Windows as two parallel arrays; target days after `targetEnd` (day index) are masked out. */
export interface WindowSet {
  series: Int32Array;
  origins: Int32Array;
  targetEnd: number;
}

export interface WindowBatch {
  capacity: number;
  size: number;
  /** Inputs per target day (see futureFeatureCount). */
  futureFeatures: number;
  past: Float32Array;
  future: Float32Array;
  statics: Float32Array;
  /** Scaled, clipped targets (0 where masked). */
  target: Float32Array;
  /** Sample weight × observed mask per target day. */
  weight: Float32Array;
  /** The window's scale (level + eps), to unscale outputs. */
  scale: Float32Array;
}

export function allocateBatch(
  capacity: number,
  lookback: number,
  horizon: number,
  staticFeatures: number,
  futureFeatures: number,
): WindowBatch {
  return {
    capacity,
    size: 0,
    futureFeatures,
    past: new Float32Array(capacity * lookback * PAST_FEATURES),
    future: new Float32Array(capacity * horizon * futureFeatures),
    statics: new Float32Array(capacity * staticFeatures),
    target: new Float32Array(capacity * horizon),
    weight: new Float32Array(capacity * horizon),
    scale: new Float32Array(capacity),
  };
}

/** Categorical index per series of a panel under a state's category list (last slot = unknown). */
export function categoryIndex(
  categoryCodes: readonly string[],
  categories: readonly string[],
): Int32Array {
  const lookup = new Map(categories.map((c, i) => [c, i]));
  return Int32Array.from(categoryCodes, (c) => lookup.get(c) ?? categories.length);
}

export function windowScale(view: PanelView, state: NeuralState, s: number, t: number): number {
  return Math.max(view.level(s, t, state.levelWindow), 0) + state.eps;
}

function clipped(x: number, clip: number): number {
  return x > clip ? clip : x < -clip ? -clip : x;
}

/** Clipped log(a / b); 0 when either is missing or not positive. */
function logRatio(a: number, b: number): number {
  return a > 0 && b > 0 ? clipped(Math.log(a / b), RATIO_CLIP) : 0;
}

/** Context a batch filler needs per panel. */
export interface FeatureContext {
  view: PanelView;
  state: NeuralState;
  category: Int32Array;
  lossRate: Float32Array;
}

/** Mean observed value per weekday over (t − days, t], divided by scale; the overall mean where a weekday has none. */
function weekdayProfile(
  view: PanelView,
  s: number,
  t: number,
  scale: number,
  out: Float64Array,
): void {
  const sum = [0, 0, 0, 0, 0, 0, 0];
  const count = [0, 0, 0, 0, 0, 0, 0];
  let total = 0;
  let n = 0;
  for (let d = Math.max(0, t - ACTIVITY_DAYS + 1); d <= t; d++) {
    const v = view.value(s, d);
    if (Number.isNaN(v)) continue;
    const w = view.weekday(d);
    sum[w] += v;
    count[w] += 1;
    total += v;
    n += 1;
  }
  const overall = n > 0 ? total / n / scale : 0;
  for (let w = 0; w < 7; w++) out[w] = count[w] > 0 ? sum[w] / count[w] / scale : overall;
}

/** Fills `batch` with windows `order[from..to)` of `windows`. */
export function fillBatch(
  ctx: FeatureContext,
  windows: WindowSet,
  order: Int32Array,
  from: number,
  to: number,
  batch: WindowBatch,
): void {
  const { view, state, category, lossRate } = ctx;
  const { lookback, horizon, clip } = state;
  const cal = view.calendarValues;
  const nStatic = staticFeatureCount(state.categories.length);
  const profile = new Float64Array(7);
  const futureCols = futureColumns(state);
  const yearBack = state.futureYearBack === true;
  const futureWidth = futureFeatureCount(state);
  const size = to - from;
  if (size > batch.capacity) throw new Error('batch capacity exceeded');
  if (batch.futureFeatures !== futureWidth)
    throw new Error(`batch holds ${batch.futureFeatures} future inputs, the model ${futureWidth}`);
  batch.size = size;
  batch.statics.fill(0, 0, size * nStatic);
  for (let i = 0; i < size; i++) {
    const w = order[from + i];
    const s = windows.series[w];
    const t = windows.origins[w];
    const scale = windowScale(view, state, s, t);
    batch.scale[i] = scale;
    let p = i * lookback * PAST_FEATURES;
    for (let k = 0; k < lookback; k++) {
      const d = t - lookback + 1 + k;
      const v = view.value(s, d);
      const observed = !Number.isNaN(v);
      batch.past[p] = observed ? clipped(v / scale, clip) : 0;
      batch.past[p + 1] = observed ? 1 : 0;
      batch.past[p + 2] = view.isListed(s, d);
      const row = view.calendarRow(d);
      for (let c = 0; c < PAST_CALENDAR.length; c++)
        batch.past[p + PAST_VALUE_FEATURES + c] = cal[row + PAST_CALENDAR[c]];
      p += PAST_FEATURES;
    }
    weekdayProfile(view, s, t, scale, profile);
    const weight = scale / state.weightNorm;
    for (let h = 0; h < horizon; h++) {
      const d = t + 1 + h;
      const row = view.calendarRow(d);
      const f = (i * horizon + h) * futureWidth;
      for (let c = 0; c < futureCols.length; c++) batch.future[f + c] = cal[row + futureCols[c]];
      batch.future[f + futureCols.length] = clipped(profile[view.weekday(d)], clip);
      if (yearBack) {
        const back = view.yearBackDays(d);
        const then = view.meanIn(s, d - back - 3, d - back + 4);
        const seen = !Number.isNaN(then);
        batch.future[f + futureCols.length + 1] = seen ? clipped(then / scale, clip) : 0;
        batch.future[f + futureCols.length + 2] = seen ? 1 : 0;
      }
      const v = d <= windows.targetEnd ? view.value(s, d) : NaN;
      const observed = !Number.isNaN(v);
      batch.target[i * horizon + h] = observed ? clipped(v / scale, clip) : 0;
      batch.weight[i * horizon + h] = observed ? weight : 0;
    }
    const q = i * nStatic;
    batch.statics[q + category[s]] = 1;
    const c = q + state.categories.length + 1;
    const observed91 = view.observedIn(s, t + 1 - ACTIVITY_DAYS, t + 1);
    const lr = lossRate[s];
    const row = view.calendarRow(t);
    const mean7 = view.meanIn(s, t - 6, t + 1);
    const mean28 = view.meanIn(s, t - 27, t + 1);
    batch.statics[c] = (Math.log(scale) - state.logLevelMean) / state.logLevelStd;
    batch.statics[c + 1] = observed91 / ACTIVITY_DAYS;
    batch.statics[c + 2] = Number.isNaN(lr) ? state.lossRateFill : lr;
    batch.statics[c + 3] = cal[row + SEASON_CALENDAR[0]];
    batch.statics[c + 4] = cal[row + SEASON_CALENDAR[1]];
    batch.statics[c + 5] = Number.isNaN(mean7) ? 0 : clipped(mean7 / scale, clip);
    batch.statics[c + 6] = Number.isNaN(mean28) ? 0 : clipped(mean28 / scale, clip);
    batch.statics[c + 7] =
      observed91 > 0 ? view.zerosIn(s, t + 1 - ACTIVITY_DAYS, t + 1) / observed91 : 0;
    const recent = (m: ColumnMeans | undefined): number =>
      m ? logRatio(m.mean(s, t - 6, t + 1), m.mean(s, t + 1 - ACTIVITY_DAYS, t + 1)) : 0;
    batch.statics[c + 8] = recent(view.price);
    batch.statics[c + 9] = recent(view.wholesale);
    const y = t - YEAR;
    const after = view.meanIn(s, y + 1, y + 1 + horizon);
    const before = view.meanIn(s, y + 1 - ACTIVITY_DAYS, y + 1);
    const seen = !Number.isNaN(after) && !Number.isNaN(before);
    batch.statics[c + 10] = seen ? logRatio(after + state.eps, before + state.eps) : 0;
    batch.statics[c + 11] = seen ? 1 : 0;
  }
}
