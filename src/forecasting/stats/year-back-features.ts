import type { OriginFeatures } from './lag-features.js';
import type { ObservedPrefix } from './observed-prefix.js';

/** Days in a "year" back: 52 weeks, so that the target's weekday lines up. */
export const YEAR_DAYS = 364;
/** Stands for "not observed then" in the trees' form (every real value there is ≥ 0). */
export const NOT_OBSERVED = -1;

/**
 * How the same weeks moved `back` days earlier: the series' mean in the week around target day
 * `t − back` over its mean in the 28 days up to origin `o − back` (the change), and that week's mean
 * over the current level `scale` (the level then); both clipped to [0, clip], NOT_OBSERVED where those
 * days hold no observation. Reads only days up to `o`.
 */
export function yearBackChange(
  prefix: ObservedPrefix,
  o: number,
  t: number,
  back: number,
  scale: number,
  clip: number,
): [change: number, level: number] {
  const then = prefix.mean(t - back - 3, t - back + 4);
  if (Number.isNaN(then)) return [NOT_OBSERVED, NOT_OBSERVED];
  const before = prefix.mean(o - back - 27, o - back + 1);
  const level = Math.min(clip, Math.max(0, then / scale));
  if (Number.isNaN(before) || before <= 0) return [NOT_OBSERVED, level];
  return [Math.min(clip, Math.max(0, then / before)), level];
}

/** Days of history the features of `years` years back read before an origin. */
export function yearBackLookback(years: number): number {
  return years > 0 ? years * YEAR_DAYS + 28 : 0;
}

/** The two features per year back, as the trees read them: the change and the level then. */
export function treeYearBackNames(years: number): string[] {
  return yearNames(years, ['change', 'level']);
}

/**
 * The two features per year back, as the ridge reads them (a ridge cannot multiply features): the
 * recent 28-day mean times the change then, and the level then; the recent mean where not observed.
 */
export function ridgeYearBackNames(years: number): string[] {
  return yearNames(years, ['change_times_mean_28', 'level']);
}

function yearNames(years: number, parts: readonly string[]): string[] {
  return Array.from({ length: years }, (_, k) =>
    parts.map((p) => `year_${k + 1}_back_${p}`),
  ).flat();
}

/**
 * Writes the year-back features of step `h` from origin `origin` into `row` from `at` on, for 1…`years`
 * years back, in the trees' form or (`ridge`) in the ridge's form given the scaled 28-day mean.
 */
export function writeYearBack(
  prefix: ObservedPrefix,
  origin: OriginFeatures,
  h: number,
  years: number,
  clip: number,
  row: Float64Array,
  at: number,
  ridge?: { mean28: number },
): void {
  const o = origin.origin;
  for (let year = 1; year <= years; year++) {
    const [change, level] = yearBackChange(prefix, o, o + h, YEAR_DAYS * year, origin.scale, clip);
    if (ridge) {
      row[at++] = change === NOT_OBSERVED ? ridge.mean28 : Math.min(clip, ridge.mean28 * change);
      row[at++] = level === NOT_OBSERVED ? ridge.mean28 : level;
    } else {
      row[at++] = change;
      row[at++] = level;
    }
  }
}
