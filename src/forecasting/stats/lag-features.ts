import type { CalendarDay } from './calendar-rows.js';
import type { ObservedPrefix } from './observed-prefix.js';

/**
 * Features of the ridge model for one origin (last history day) and one horizon step, all in units of
 * the series' level scale, clipped to ±clip:
 * - lags 1..L (missing days filled with the recent observed mean),
 * - means of the last 7 and 28 observed days, share of the last 28 days observed, recent zero share,
 * - mean of the last four observed values on the target's weekday (within eight weeks),
 * - target weekday one-hot (7, the intercept), target-day calendar covariates.
 */
export interface LagFeatureConfig {
  lags: number;
  clip: number;
  /** Target-day calendar covariates (names of CALENDAR_COVARIATES), in row order. */
  covariates: readonly string[];
}

/** The part of a feature row that does not depend on the horizon step. */
export interface OriginFeatures {
  /** Index of the origin (last history day). */
  origin: number;
  scale: number;
  /** Value standing in for missing days (scaled). */
  fill: number;
  values: Float64Array;
}

/** The longest window an origin feature reads (zero share, the fill's fallback mean). */
export const LAG_LOOKBACK_DAYS = 91;
const ORIGIN_STATS = 4;
const STEP_STATS = 1;

export function featureCount(cfg: LagFeatureConfig): number {
  return cfg.lags + ORIGIN_STATS + STEP_STATS + 7 + cfg.covariates.length;
}

/** Feature names in row order (for reports and tests). */
export function featureNames(cfg: LagFeatureConfig): string[] {
  return [
    ...Array.from({ length: cfg.lags }, (_, i) => `lag_${i + 1}`),
    'mean_7',
    'mean_28',
    'observed_28',
    `zero_share_${LAG_LOOKBACK_DAYS}`,
    'same_weekday_mean_4',
    ...['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => `dow_${d}`),
    ...cfg.covariates,
  ];
}

/** Which coefficients the ridge penalty applies to (not the weekday intercepts). */
export function penalized(cfg: LagFeatureConfig): boolean[] {
  const start = cfg.lags + ORIGIN_STATS + STEP_STATS;
  return featureNames(cfg).map((_, i) => i < start || i >= start + 7);
}

const clipTo = (v: number, c: number): number => (v > c ? c : v < -c ? -c : v);

export function originFeatures(
  history: Float64Array,
  prefix: ObservedPrefix,
  origin: number,
  scale: number,
  cfg: LagFeatureConfig,
): OriginFeatures {
  const end = origin + 1;
  let fill = prefix.mean(end - 28, end);
  if (Number.isNaN(fill)) fill = prefix.mean(end - LAG_LOOKBACK_DAYS, end);
  if (Number.isNaN(fill)) fill = prefix.mean(0, end);
  fill = Number.isNaN(fill) ? 0 : clipTo(fill / scale, cfg.clip);
  const values = new Float64Array(cfg.lags + ORIGIN_STATS);
  for (let l = 1; l <= cfg.lags; l++) {
    const v = origin - l + 1 >= 0 ? history[origin - l + 1] : NaN;
    values[l - 1] = Number.isNaN(v) ? fill : clipTo(v / scale, cfg.clip);
  }
  const m7 = prefix.mean(end - 7, end);
  const m28 = prefix.mean(end - 28, end);
  const zeros = prefix.zeroShare(end - LAG_LOOKBACK_DAYS, end);
  values[cfg.lags] = Number.isNaN(m7) ? fill : clipTo(m7 / scale, cfg.clip);
  values[cfg.lags + 1] = Number.isNaN(m28) ? fill : clipTo(m28 / scale, cfg.clip);
  values[cfg.lags + 2] = prefix.observed(end - 28, end) / 28;
  values[cfg.lags + 3] = Number.isNaN(zeros) ? 0 : zeros;
  return { origin, scale, fill, values };
}

/** Full feature row for step `h` (target day index origin + h) into `out`. */
export function stepFeatures(
  history: Float64Array,
  o: OriginFeatures,
  h: number,
  day: CalendarDay,
  cfg: LagFeatureConfig,
  out: Float64Array,
): void {
  out.set(o.values, 0);
  let k = o.values.length;
  let sum = 0;
  let n = 0;
  for (let t = o.origin + h - 7 * Math.ceil(h / 7), seen = 0; t >= 0 && seen < 8 && n < 4; t -= 7) {
    seen++;
    const v = history[t];
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  out[k++] = n === 0 ? o.fill : clipTo(sum / n / o.scale, cfg.clip);
  for (let d = 1; d <= 7; d++) out[k++] = day.dow === d ? 1 : 0;
  out.set(day.covariates, k);
}
