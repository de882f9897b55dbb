import type { Target } from '../data/series-panel.js';
import type { FitOptions, Forecast, Forecaster } from '../forecasting/forecast.types.js';
import type { MetricSummary } from './score-sheet.js';

/**
 * Which forecast value is scored as the point forecast. Default 'p50': the median minimises absolute
 * error, and DESIGN's prototype found P50 scored a better WAPE than the mean on intermittent demand.
 */
export type PointForecastChoice = 'p50' | 'mean';

/** A model to backtest: an untrained template (the backtest refits fresh copies from `create()`). */
export interface BacktestModel {
  /** Leaderboard name; defaults to the kind (suffixed ' #2', ' #3' when repeated). */
  name?: string;
  forecaster: Forecaster;
  /** Extra fit options for this model (epochs, seed, time budget...). */
  fitOptions?: BacktestFitOptions;
}

export type BacktestFitOptions = Omit<Partial<FitOptions>, 'target' | 'horizon' | 'cutoff'>;

export interface BacktestProgress {
  model: string;
  /** 1-based. */
  modelIndex: number;
  models: number;
  /** 1-based, chronological (window 1 has the earliest cutoff). */
  window: number;
  windows: number;
  cutoff: string;
  stage: 'fit' | 'predict' | 'scored';
  /** Share of (window, model) steps completed, 0..1. */
  fraction: number;
}

export interface BacktestOptions {
  target?: Target;
  /** Forecast horizon H in days (default 28). */
  horizon?: number;
  /** Number of rolling origins (default 3). */
  windows?: number;
  /** Days between cutoffs (default H): cutoffs are T − step·k for k = 1..windows. */
  step?: number;
  /** Refit every k windows (default 1 = every window); in between, the last fit forecasts from the new cutoff. */
  refitEvery?: number;
  point?: PointForecastChoice;
  /** Observed days a series needs up to the cutoff to count in a window (default 56). */
  minObservations?: number;
  /** Horizon steps reported in `by_horizon` (default 1, 7, 14, 28; steps beyond H are dropped). */
  reportSteps?: number[];
  /** Adds seasonal naive when no model of that kind is given (default true). */
  includeBaseline?: boolean;
  /** Fit options shared by all models (a model's own fitOptions win). */
  fitOptions?: BacktestFitOptions;
  /** Keep every window's forecasts in the result (default false). */
  keepForecasts?: boolean;
  onProgress?: (p: BacktestProgress) => void;
}

export interface WindowScore {
  cutoff: string;
  refit: boolean;
  wape: number;
  /** Σ(forecast − actual) / Σ|actual| over the window's scored points. */
  bias: number;
  /** Share of the window's actuals inside [P10, P90] (NaN without quantiles). */
  coverage_p10_p90: number;
  points: number;
  series: number;
}

/** One model's backtest: metrics over all scored points of all windows. */
export interface ModelBacktest extends MetricSummary {
  name: string;
  kind: string;
  params: Record<string, unknown>;
  /** Total seconds spent in fit over all windows, and the number of fits. */
  fit_seconds: number;
  fits: number;
  /**
   * Fits that reported what ended them (neural kinds): how many ended on the wall-clock budget rather than
   * their epochs or early stopping (their accuracy then depends on the machine's load). Absent otherwise.
   */
  fits_out_of_time?: number;
  /** Total seconds spent in predict over all windows. */
  predict_seconds: number;
  /** Metrics of the points at exactly these horizon steps. */
  by_horizon: Record<number, MetricSummary>;
  windows: WindowScore[];
  /** Forecasts by cutoff, when keepForecasts is set. */
  forecasts?: Record<string, Forecast[]>;
}

/** One row of a backtest's leaderboard (built by leaderboard.ts). */
export interface LeaderboardRow {
  /** 1-based, by WAPE ascending (models without a WAPE last). */
  rank: number;
  name: string;
  kind: string;
  wape: number;
  /** (baseline WAPE − WAPE) / baseline WAPE: positive = better than the baseline; 0 for it. */
  improvement_vs_baseline: number;
  is_baseline: boolean;
  mase: number;
  bias: number;
  coverage_p10_p90: number;
  pinball_mean: number;
  points: number;
  series: number;
  fit_seconds: number;
  predict_seconds: number;
}

export interface BacktestResult {
  target: Target;
  horizon: number;
  step: number;
  point: PointForecastChoice;
  minObservations: number;
  /** Chronological. */
  cutoffs: string[];
  /** Eligible series per window (same order as cutoffs). */
  eligibleSeries: number[];
  baseline: string;
  models: ModelBacktest[];
  /** Sorted by WAPE, baseline always present. */
  leaderboard: LeaderboardRow[];
}
