import type { SeriesPanel, Target } from '../../data/series-panel.js';
import { CALENDAR_COVARIATES } from '../../features/calendar-covariates.js';
import { NO_CALIBRATION } from './conformal.calibration.js';
import type { NeuralTrainingParams } from './neural-params.js';
import type { NeuralState } from './neural-state.js';
import type { PanelView } from './panel-view.js';
import {
  FUTURE_CALENDAR,
  LEGACY_FUTURE_CALENDAR,
  windowScale,
  type WindowSet,
} from './window-features.js';

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
    futureCalendar: [...(p.festivalDays ? FUTURE_CALENDAR : LEGACY_FUTURE_CALENDAR)],
    futureYearBack: p.yearBack === 1,
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
