/** One rung of successive halving: how many candidates are scored, on how many windows. */
export interface Rung {
  candidates: number;
  /** The latest `windows` tuning windows (nested: each rung's windows include the previous rung's). */
  windows: number;
}

/**
 * The successive-halving schedule of one bracket over W windows: with R = ⌈log_eta W⌉, rung r
 * (0..R) scores ⌈n / eta^r⌉ candidates on the latest ⌈W / eta^(R−r)⌉ windows, so the first rung
 * screens all n on one window and the last scores the survivors on all W. 3 windows, eta 3:
 * n on 1 window, then ⌈n/3⌉ on 3.
 */
export function halvingSchedule(candidates: number, windows: number, eta: number): Rung[] {
  if (!Number.isInteger(candidates) || candidates < 1) throw new Error('candidates must be ≥ 1');
  if (!Number.isInteger(windows) || windows < 1) throw new Error('windows must be ≥ 1');
  if (!Number.isInteger(eta) || eta < 2) throw new Error('eta must be an integer ≥ 2');
  let last = 0;
  while (eta ** last < windows) last++;
  const rungs: Rung[] = [];
  for (let r = 0; r <= last; r++)
    rungs.push({
      candidates: Math.max(1, Math.ceil(candidates / eta ** r)),
      windows: Math.ceil(windows / eta ** (last - r)),
    });
  return rungs;
}
