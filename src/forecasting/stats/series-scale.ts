import { ObservedPrefix } from './observed-prefix.js';

/** Days of history behind the robust level of a series (DESIGN: "mean of the last ~91 days"). */
export const SCALE_WINDOW = 91;
/** Smallest scale, so that scaled values of an all-zero history stay finite. */
export const SCALE_FLOOR = 1e-3;

/**
 * Robust recent level of a series whose history ends just before `end`: mean |y| over the observed
 * days of the last 91, or over all observed days when none of the last 91 is observed; never below
 * SCALE_FLOOR. Residual quantiles and the ridge model's scaled targets use it.
 */
export function levelScale(prefix: ObservedPrefix, end: number = prefix.length): number {
  let m = prefix.absMean(end - SCALE_WINDOW, end);
  if (Number.isNaN(m)) m = prefix.absMean(0, end);
  return Number.isNaN(m) ? SCALE_FLOOR : Math.max(m, SCALE_FLOOR);
}

/** Share of zero (or negative) days among the observed days of the last 91 (0 when none observed). */
export function recentZeroShare(prefix: ObservedPrefix, end: number = prefix.length): number {
  const z = prefix.zeroShare(end - SCALE_WINDOW, end);
  return Number.isNaN(z) ? 0 : z;
}
