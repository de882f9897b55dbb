/** A canary's and prod's live scores on the same actuals since the canary started. */
export interface LiveScore {
  model_version: string;
  wape: number;
  points: number;
  /** Days with at least one scored point. */
  scored_days: number;
}

export interface CanaryPolicy {
  minScoredDays: number;
  /** Relative WAPE gain over prod needed to promote (the registry's `gates.minImprovement`). */
  minImprovement: number;
  /** Relative WAPE loss past which the canary is ended. */
  maxDegradation: number;
  autoPromote: boolean;
}

export type CanaryDecision = 'wait' | 'keep' | 'promote' | 'rollback';

export interface CanaryVerdict {
  decision: CanaryDecision;
  reason: string;
  /** canary WAPE / prod WAPE − 1 (negative: the canary is better); null while there is nothing to compare. */
  relative: number | null;
}

const pct = (v: number): string => `${(Math.abs(v) * 100).toFixed(1)} %`;

/** Judges a canary on reality: wait for enough scored days, then promote, end, or keep it. */
export function judgeCanary(canary: LiveScore, prod: LiveScore, p: CanaryPolicy): CanaryVerdict {
  const days = Math.min(canary.scored_days, prod.scored_days);
  if (days < p.minScoredDays || !(prod.wape > 0) || Number.isNaN(canary.wape))
    return {
      decision: 'wait',
      reason: `${days} of ${p.minScoredDays} scored days`,
      relative: null,
    };
  const relative = canary.wape / prod.wape - 1;
  const figures = `live WAPE ${canary.wape.toFixed(3)} vs prod ${prod.model_version} ${prod.wape.toFixed(3)} over ${days} days (${canary.points} points)`;
  if (relative > p.maxDegradation)
    return {
      decision: 'rollback',
      reason: `canary ended: ${pct(relative)} worse than prod, over the allowed ${pct(p.maxDegradation)}; ${figures}`,
      relative,
    };
  if (p.autoPromote && relative <= -p.minImprovement)
    return {
      decision: 'promote',
      reason: `canary promoted: ${pct(relative)} better than prod (margin ${pct(p.minImprovement)}); ${figures}`,
      relative,
    };
  return { decision: 'keep', reason: `within the margins; ${figures}`, relative };
}
