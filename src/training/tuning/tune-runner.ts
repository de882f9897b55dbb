import type { SeriesPanel, Target } from '../../data/series-panel.js';
import { runBacktest } from '../../evaluation/backtest.js';
import { truncatePanel } from '../../evaluation/panel-truncation.js';
import { createForecaster } from '../../forecasting/forecaster.registry.js';
import { paramSpaceOf, type ParamValue } from '../../forecasting/param-spaces.js';
import { searchParams, type SearchProgress, type Trial } from './param-search.js';

export interface TuneRequest {
  panel: SeriesPanel;
  target: Target;
  kind: string;
  horizon: number;
  /** The last `evaluationWindows` windows (the registry's backtest protocol) are never used. */
  evaluationWindows: number;
  /** Tuning windows, each `horizon` days, before the evaluation windows. */
  tuningWindows: number;
  budgetSec: number;
  /** Cap on one fit's time budget (neural kinds); the search may give less near the end. */
  fitBudgetSec: number;
  seed: number;
  candidates?: number;
  eta?: number;
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (p: SearchProgress) => void;
}

export interface TuneTrial {
  id: number;
  bracket: number;
  params: Record<string, ParamValue>;
  defaults: boolean;
  status: Trial['status'];
  rung: number;
  meanWape: number | null;
  seconds: number;
  scores: { cutoff: string; wape: number | null }[];
}

export interface TuneOutcome {
  kind: string;
  target: Target;
  horizon: number;
  seed: number;
  budgetSec: number;
  seconds: number;
  stoppedBy: 'budget' | 'max-trials';
  brackets: number;
  /** Cutoffs of the tuning windows (chronological) and of the evaluation windows left out. */
  tuningCutoffs: string[];
  evaluationCutoffs: string[];
  trials: TuneTrial[];
  /** The best trial scored on every tuning window (null when none was: budget too small). */
  best: { trial: number; params: Record<string, ParamValue>; meanWape: number } | null;
  /** The defaults' mean WAPE on the same windows (null when not scored on all of them). */
  defaultsMeanWape: number | null;
}

export class TuneRequestError extends Error {}

/**
 * The evaluation and tuning cutoffs' indices (chronological), and the last day the tuning sees: the
 * first evaluation cutoff, or the last day of the data without evaluation windows.
 */
export function tuningLayout(
  days: number,
  horizon: number,
  evaluationWindows: number,
  tuningWindows: number,
): { evaluationCutoffs: number[]; tuningCutoffs: number[]; tuningEnd: number } {
  const last = days - 1;
  const evaluationCutoffs: number[] = [];
  for (let k = evaluationWindows; k >= 1; k--) evaluationCutoffs.push(last - horizon * k);
  const firstEval = last - horizon * evaluationWindows;
  const tuningCutoffs: number[] = [];
  for (let k = tuningWindows; k >= 1; k--) tuningCutoffs.push(firstEval - horizon * k);
  // A tuning window needs some history before its cutoff to train on.
  if (tuningCutoffs[0] < horizon * 2)
    throw new TuneRequestError(
      `the data has ${days} days: too few for ${tuningWindows} tuning window(s) of ${horizon} days before the ${evaluationWindows} evaluation window(s)`,
    );
  return { evaluationCutoffs, tuningCutoffs, tuningEnd: firstEval };
}

/**
 * Tunes a kind's hyperparameters: successive halving over its declared space, each trial scored by
 * the reference rolling-origin backtest (P50 WAPE per window) on windows that end where the evaluation
 * windows begin, so the windows the registry's gates and benchmarks score a model on are never seen.
 */
export async function tuneKind(req: TuneRequest): Promise<TuneOutcome> {
  const space = paramSpaceOf(req.kind);
  if (space === null)
    throw new TuneRequestError(`model kind "${req.kind}" has no parameter space to tune`);
  const layout = tuningLayout(
    req.panel.dates.length,
    req.horizon,
    req.evaluationWindows,
    req.tuningWindows,
  );
  // Not evaluationCutoffs[0]: with no evaluation windows that is undefined, and the tuning panel
  // was cut to no days at all (`--eval-windows 0` failed: "The panel has 0 days").
  const firstEval = layout.tuningEnd;
  // Everything after the first evaluation cutoff is cut off once, here.
  const tuningPanel = truncatePanel(req.panel, firstEval);
  const W = req.tuningWindows;

  const evaluate = async (
    params: Record<string, ParamValue>,
    windows: number[],
    limits: { fitBudgetSec: number },
  ): Promise<number[]> => {
    const template = await createForecaster(req.kind, { ...params });
    try {
      // `windows` is contiguous (the search widens to earlier windows): one backtest over them, on the
      // tuning panel cut where the latest of them ends.
      const latest = windows[windows.length - 1];
      const end = firstEval - req.horizon * (W - 1 - latest);
      const result = await runBacktest(
        truncatePanel(tuningPanel, end),
        [
          {
            forecaster: template,
            fitOptions: { timeBudgetSec: limits.fitBudgetSec, seed: req.seed },
          },
        ],
        {
          target: req.target,
          horizon: req.horizon,
          windows: windows.length,
          step: req.horizon,
          includeBaseline: false,
          onProgress: () => req.signal?.throwIfAborted(),
        },
      );
      return result.models[0].windows.map((w) => w.wape);
    } finally {
      template.dispose();
    }
  };

  const result = await searchParams({
    space,
    windows: W,
    budgetSec: req.budgetSec,
    seed: req.seed,
    candidates: req.candidates,
    eta: req.eta,
    fitBudgetSec: req.fitBudgetSec,
    evaluate,
    now: req.now,
    signal: req.signal,
    onProgress: req.onProgress,
  });
  const cutoffDate = (i: number): string => req.panel.dates[i];
  const tuningCutoffs = layout.tuningCutoffs.map(cutoffDate);
  return {
    kind: req.kind,
    target: req.target,
    horizon: req.horizon,
    seed: req.seed,
    budgetSec: req.budgetSec,
    seconds: result.seconds,
    stoppedBy: result.stoppedBy,
    brackets: result.brackets,
    tuningCutoffs,
    evaluationCutoffs: layout.evaluationCutoffs.map(cutoffDate),
    trials: result.trials.map((t) => ({
      id: t.id,
      bracket: t.bracket,
      params: t.params,
      defaults: t.defaults,
      status: t.status,
      rung: t.rung,
      meanWape: t.meanWape,
      seconds: t.seconds,
      scores: t.scores.map((s) => ({ cutoff: tuningCutoffs[s.window], wape: s.wape })),
    })),
    best:
      result.best?.meanWape != null
        ? { trial: result.best.id, params: result.best.params, meanWape: result.best.meanWape }
        : null,
    defaultsMeanWape: result.defaults?.status === 'complete' ? result.defaults.meanWape : null,
  };
}
