import type { SeriesPanel, Target } from '../../data/series-panel.js';
import { CALENDAR_COVARIATES } from '../../features/calendar-covariates.js';
import { NO_CALIBRATION, type ConformalCalibration } from './conformal.calibration.js';
import type { NeuralTrainingParams } from './neural-params.js';
import type { PanelView } from './panel-view.js';
import { windowScale, type WindowSet } from './window-features.js';

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
    typeof o.trainedThrough === 'string' &&
    Number.isInteger(o.members) &&
    (o.members as number) >= 1 &&
    typeof cal === 'object' &&
    cal !== null &&
    isFiniteNumber(cal.lower) &&
    isFiniteNumber(cal.upper)
  );
}

/** Training-part statistics: eps, level standardisation, sample-weight norm, categories, loss-rate fill. */
export function fitNeuralState(
  panel: SeriesPanel,
  view: PanelView,
  train: WindowSet,
  p: NeuralTrainingParams,
  target: Target,
  horizon: number,
  cutoff: string,
): NeuralState {
  let absSum = 0;
  let count = 0;
  for (let s = 0; s < view.n; s++)
    for (let d = 0; d <= train.targetEnd; d++) {
      const v = view.value(s, d);
      if (!Number.isNaN(v)) {
        absSum += Math.abs(v);
        count += 1;
      }
    }
  const meanAbs = count > 0 && absSum > 0 ? absSum / count : 1;
  const rates = Array.from(panel.statics.lossRate).filter((r) => Number.isFinite(r));
  const state: NeuralState = {
    target,
    horizon,
    lookback: p.lookback,
    levelWindow: p.levelWindow,
    clip: p.clip,
    eps: p.epsShare * meanAbs,
    categories: [...new Set(panel.statics.categoryCode)].sort(),
    lossRateFill: rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : 0,
    logLevelMean: 0,
    logLevelStd: 1,
    weightNorm: 1,
    covariates: [...CALENDAR_COVARIATES],
    calibration: NO_CALIBRATION,
    trainedThrough: cutoff,
    members: p.members,
  };
  let sum = 0;
  let sumLog = 0;
  let sumLog2 = 0;
  const n = train.series.length;
  for (let w = 0; w < n; w++) {
    const scale = windowScale(view, state, train.series[w], train.origins[w]);
    const l = Math.log(scale);
    sum += scale;
    sumLog += l;
    sumLog2 += l * l;
  }
  if (n > 0) {
    state.weightNorm = sum / n;
    state.logLevelMean = sumLog / n;
    const variance = sumLog2 / n - state.logLevelMean ** 2;
    state.logLevelStd = variance > 1e-6 ? Math.sqrt(variance) : 1;
  }
  return state;
}
