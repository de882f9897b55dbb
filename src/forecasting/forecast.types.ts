import type { SeriesPanel, Target } from '../data/series-panel.js';
import type { BlobSink } from '../storage/blob.types.js';
import type { ModelInputs } from './model-inputs.js';

/** One forecast: stable keys everywhere (API, metrics, drift, files). Quantity values are never negative. */
export interface Forecast {
  seriesId: string;
  /** ISO dates of the horizon, day after the cutoff first. */
  dates: string[];
  mean: number[];
  quantiles: { p10: number[]; p50: number[]; p90: number[] };
}

export interface ForecasterCapabilities {
  /** Uses covariates beyond the target history (calendar, holidays, prices...). */
  covariates: boolean;
  /** Produces calibrated quantiles (otherwise quantiles come from residuals). */
  probabilistic: boolean;
  /** Minimum observed days a series needs before the cutoff. */
  minHistory: number;
  /** Trains a tfjs network. */
  neural: boolean;
}

export interface FitProgress {
  epoch: number;
  epochs: number;
  loss: number;
  valLoss?: number;
  samplesPerSec: number;
  etaSec: number;
}

export interface FitOptions {
  target: Target;
  horizon: number;
  /** Last date (inclusive) the model may see; defaults to the panel's last date. */
  cutoff?: string;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Wall-clock budget for training in seconds. */
  timeBudgetSec?: number;
  seed?: number;
  onProgress?: (p: FitProgress) => void;
}

/**
 * What ended a neural fit: its epoch limit, early stopping on the validation loss, or the wall-clock budget
 * (then how far it got depends on the machine's load).
 */
export type FitStopReason = 'epochs' | 'early-stopping' | 'time-budget';

export interface FitReport {
  kind: string;
  epochs: number;
  /**
   * Neural fits (and ensembles with neural members): time-budget when any network's training hit the
   * wall clock, else early-stopping when any stopped early, else epochs (see mergeStopReasons).
   */
  stoppedBy?: FitStopReason;
  trainLoss: number[];
  valLoss: number[];
  seconds: number;
  samples: number;
  samplesPerSec: number;
  /** P10–P90 coverage on the calibration window before / after conformal calibration. */
  calibration?: { coverageBefore: number; coverageAfter: number; points: number };
  /**
   * An ensemble's members, in member order, each its own report. Their losses are in each kind's own
   * units, so the ensemble's trainLoss / valLoss are only their concatenation.
   */
  members?: FitReport[];
}

export interface PredictRequest {
  panel: SeriesPanel;
  /** Forecast from the day after this date; defaults to the panel's last date. */
  cutoff?: string;
  horizon: number;
  /** Restrict to these series; default all series with enough history. */
  seriesIds?: string[];
}

export interface Forecaster {
  readonly kind: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly capabilities: ForecasterCapabilities;
  readonly target: Target | undefined;
  readonly horizon: number | undefined;
  fit(panel: SeriesPanel, opts: FitOptions): Promise<FitReport>;
  predict(req: PredictRequest): Promise<Forecast[]>;
  /**
   * The inputs the model consumes (after `fit` or restore: exactly those of the fitted state; before,
   * those its params would build), from the code that builds them.
   */
  inputs(): ModelInputs;
  /** What the fitted state holds that a reader of the manifest needs (an ensemble's weights); optional. */
  fittedSummary?(): Readonly<Record<string, unknown>>;
  /** Writes the model's state (JSON + tfjs weights when neural) under keys of the sink; returns the keys. */
  toArtifacts(sink: BlobSink): Promise<string[]>;
  /** An untrained copy with the same params (backtests refit with it). */
  create(): Forecaster;
  dispose(): void;
}
