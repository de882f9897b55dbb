import type { SeriesPanel, Target } from '../data/series-panel.js';
import type { ModelBacktest } from '../evaluation/backtest.types.js';
import type { FitProgress, FitReport, Forecaster } from '../forecasting/forecast.types.js';
import type { ManifestInput } from '../registry/model-manifest.schema.js';

export interface TrainRequest {
  panel: SeriesPanel;
  target: Target;
  kind: string;
  params?: Record<string, unknown>;
  horizon: number;
  epochs?: number;
  /** Cap on each fit's time budget (neural kinds); with `budgetSec`, each fit gets min(this, its share). */
  timeBudgetSec?: number;
  /**
   * Wall-clock budget of the whole training (backtest and final fit): each fit's time budget is its
   * share, the final fit gets what the backtest left, and none is left → TrainingBudgetError.
   */
  budgetSec?: number;
  /** Milliseconds, for the budget's accounting; default performance.now. Tests inject a clock. */
  now?: () => number;
  /** Where `params` came from when a tune found them (recorded in the manifest). */
  paramsSource?: { tuneJob: string; tuneMeanWape: number };
  seed?: number;
  /** Rolling-origin backtest before the final fit (the registry's gates need it); false skips it. */
  backtest: { windows: number; step?: number; refitEvery?: number } | false;
  onStage?: (stage: TrainingStage, fraction: number, detail: string) => void;
  onFitProgress?: (p: FitProgress) => void;
}

export type TrainingStage = 'backtest' | 'fit' | 'done';

export interface TrainOutcome {
  forecaster: Forecaster;
  fit: FitReport;
  /** The model's and seasonal naive's backtests (null when skipped). */
  backtest: { model: ModelBacktest; baseline: ModelBacktest; cutoffs: string[] } | null;
  manifest: ManifestInput;
  seconds: number;
}
