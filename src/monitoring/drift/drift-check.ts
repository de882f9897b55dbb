import { binShares, ksPValue, ksStatistic, psiFromShares } from '../stats/distribution-stats.js';
import type { ReferenceDistribution } from './reference-distribution.js';

export type DriftStatus = 'ok' | 'warn' | 'alert';

export interface DriftThresholds {
  psiWarn: number;
  psiAlert: number;
}

/** One feature (or the predictions) compared with its reference. */
export interface FeatureDrift {
  feature: string;
  psi: number;
  /** KS statistic between the reference's quantile sketch and the recent values. */
  ks: number;
  /** Asymptotic p-value, with the reference counted at its full size. */
  ks_p_value: number;
  status: DriftStatus;
  reference_count: number;
  current_count: number;
  reference_mean: number;
  current_mean: number;
  /** Inner bin edges and the reference's and the recent values' share per bin. */
  edges: number[];
  reference_shares: number[];
  current_shares: number[];
}

export function driftStatus(psi: number, t: DriftThresholds): DriftStatus {
  if (psi >= t.psiAlert) return 'alert';
  if (psi >= t.psiWarn) return 'warn';
  return 'ok';
}

/**
 * PSI over the reference's own quantile bins (reference shares as stored at training) and the KS
 * statistic of the recent values against the reference's quantile sketch.
 */
export function compareWithReference(
  feature: string,
  ref: ReferenceDistribution,
  current: ArrayLike<number>,
  t: DriftThresholds,
): FeatureDrift {
  const shares = binShares(current, ref.edges);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < current.length; i++)
    if (Number.isFinite(current[i])) {
      n++;
      sum += current[i];
    }
  const psi = n === 0 ? NaN : psiFromShares(ref.shares, shares);
  const ks = ksStatistic(ref.sketch, current);
  return {
    feature,
    psi,
    ks,
    ks_p_value: ksPValue(ks, ref.count, n),
    status: Number.isNaN(psi) ? 'ok' : driftStatus(psi, t),
    reference_count: ref.count,
    current_count: n,
    reference_mean: ref.mean,
    current_mean: n === 0 ? NaN : sum / n,
    edges: ref.edges,
    reference_shares: ref.shares,
    current_shares: shares,
  };
}
