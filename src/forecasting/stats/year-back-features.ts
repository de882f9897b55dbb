import { lunarNewYearEpochDay } from '../../data/chinese-calendar.js';
import type { OriginFeatures } from './lag-features.js';
import type { ObservedPrefix } from './observed-prefix.js';

/** Days in a "year" back: 52 weeks, so that the target's weekday lines up. */
export const YEAR_DAYS = 364;
/** Target days this close to a Spring Festival (before / after it) look back to the same festival day. */
export const FESTIVAL_DAYS_BEFORE = 21;
export const FESTIVAL_DAYS_AFTER = 35;

/**
 * How many days back the twin of target day `epochDay` lies `years` years earlier: 52 weeks per year
 * (the same weekday), except within FESTIVAL_DAYS_BEFORE/AFTER of a Spring Festival, whose date moves
 * by up to three weeks from year to year: there the twin is the same day relative to that earlier
 * year's festival (the weeks around the festival follow it, not the weekday).
 */
export function yearBackDays(epochDay: number, years: number): number {
  // Every training row asks for its target day's twin: remember each (day, years) answer.
  const key = epochDay * 4 + years;
  let back = yearBackCache.get(key);
  if (back === undefined) {
    back = computeYearBackDays(epochDay, years);
    yearBackCache.set(key, back);
  }
  return back;
}

const yearBackCache = new Map<number, number>();

function computeYearBackDays(epochDay: number, years: number): number {
  const year = new Date(epochDay * 86_400_000).getUTCFullYear();
  for (const y of [year - 1, year, year + 1]) {
    const distance = epochDay - lunarNewYearEpochDay(y);
    if (distance >= -FESTIVAL_DAYS_BEFORE && distance <= FESTIVAL_DAYS_AFTER)
      return epochDay - (lunarNewYearEpochDay(y - years) + distance);
  }
  return YEAR_DAYS * years;
}

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

/** The longest lunar year: near a festival a twin lies up to this many days back per year. */
export const LONGEST_LUNAR_YEAR_DAYS = 385;

/** Days of history the features of `years` years back may read before an origin. */
export function yearBackLookback(years: number): number {
  return years > 0 ? years * LONGEST_LUNAR_YEAR_DAYS + 28 : 0;
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
 * Writes the year-back features of step `h` (target epoch day `targetDay`) from origin `origin` into
 * `row` from `at` on, for 1…`years` years back (yearBackDays), in the trees' form or (`ridge`) in the
 * ridge's form given the scaled 28-day mean.
 */
export function writeYearBack(
  prefix: ObservedPrefix,
  origin: OriginFeatures,
  h: number,
  targetDay: number,
  years: number,
  clip: number,
  row: Float64Array,
  at: number,
  ridge?: { mean28: number },
): void {
  const o = origin.origin;
  for (let year = 1; year <= years; year++) {
    const back = yearBackDays(targetDay, year);
    const [change, level] = yearBackChange(prefix, o, o + h, back, origin.scale, clip);
    if (ridge) {
      row[at++] = change === NOT_OBSERVED ? ridge.mean28 : Math.min(clip, ridge.mean28 * change);
      row[at++] = level === NOT_OBSERVED ? ridge.mean28 : level;
    } else {
      row[at++] = change;
      row[at++] = level;
    }
  }
}
