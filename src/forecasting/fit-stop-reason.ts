import type { FitStopReason } from './forecast.types.js';

const RANK: Record<FitStopReason, number> = { epochs: 0, 'early-stopping': 1, 'time-budget': 2 };

/**
 * One reason for several trainings (ensemble members, a kind's seeds): the wall clock if it ended any of
 * them (the result then depends on the machine's load), else early stopping if any stopped early, else the
 * epoch limit; undefined when none reports one (statistical kinds).
 */
export function mergeStopReasons(
  reasons: readonly (FitStopReason | undefined)[],
): FitStopReason | undefined {
  let out: FitStopReason | undefined;
  for (const r of reasons)
    if (r !== undefined && (out === undefined || RANK[r] > RANK[out])) out = r;
  return out;
}
