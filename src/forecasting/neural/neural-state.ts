import type { Target } from '../../data/series-panel.js';
import type { ConformalCalibration } from './conformal.calibration.js';

/**
 * Everything a trained neural forecaster needs besides its weights; saved as the header's `state`.
 * Statistics are fitted on the training part of the panel only.
 */
export interface NeuralState {
  target: Target;
  horizon: number;
  lookback: number;
  /** Robust level = mean of the last `levelWindow` observed values (+ eps). */
  levelWindow: number;
  /** Scaled values are clipped to [-clip, clip]. */
  clip: number;
  eps: number;
  /** Category codes seen in training (one-hot, plus one slot for unknown). */
  categories: string[];
  lossRateFill: number;
  logLevelMean: number;
  logLevelStd: number;
  /** Mean scale over training windows (sample weights are scale / weightNorm). */
  weightNorm: number;
  /** Calendar covariate names the model was trained with (checked on load). */
  covariates: string[];
  /** Known-future calendar inputs per target day, in order (absent: LEGACY_FUTURE_CALENDAR). */
  futureCalendar?: string[];
  /** Year-back inputs per target day after the weekday profile (absent: none, as saved before them). */
  futureYearBack?: boolean;
  calibration: ConformalCalibration;
  /** Last date the model saw in training (the fit cutoff). */
  trainedThrough: string;
  /** Member networks whose outputs are averaged (saved under memberPrefix(m)). */
  members: number;
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function isNeuralState(x: unknown): x is NeuralState {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  const cal = o.calibration as Record<string, unknown> | null | undefined;
  return (
    typeof o.target === 'string' &&
    ['horizon', 'lookback', 'levelWindow', 'clip', 'eps', 'lossRateFill'].every((k) =>
      isFiniteNumber(o[k]),
    ) &&
    ['logLevelMean', 'logLevelStd', 'weightNorm'].every((k) => isFiniteNumber(o[k])) &&
    Array.isArray(o.categories) &&
    Array.isArray(o.covariates) &&
    (o.futureCalendar === undefined ||
      (Array.isArray(o.futureCalendar) && o.futureCalendar.every((n) => typeof n === 'string'))) &&
    (o.futureYearBack === undefined || typeof o.futureYearBack === 'boolean') &&
    typeof o.trainedThrough === 'string' &&
    Number.isInteger(o.members) &&
    (o.members as number) >= 1 &&
    typeof cal === 'object' &&
    cal !== null &&
    isFiniteNumber(cal.lower) &&
    isFiniteNumber(cal.upper)
  );
}
