import type { FitOptions } from '../forecast.types.js';

/** Training parameters shared by every neural kind (network widths are the builders' own params). */
export interface NeuralTrainingParams {
  /** Days of history per window. */
  lookback: number;
  /** Observed days averaged for the robust level each window is scaled by. */
  levelWindow: number;
  /** Scaled values are clipped to [-clip, clip]. */
  clip: number;
  /** eps added to the level, as a share of the mean absolute observed training value. */
  epsShare: number;
  /** Epoch limit: with early stopping, the budget that decides a fit when the wall clock does not. */
  epochs: number;
  /** Training windows per epoch, drawn anew each epoch (0 = all of them). */
  samplesPerEpoch: number;
  batchSize: number;
  learningRate: number;
  /** Early stopping: epochs without validation improvement before stopping. */
  patience: number;
  /** Wall-clock budget for the whole fit in seconds (training stops when it is spent): the backstop. */
  timeBudgetSec: number;
  seed: number;
  /** Forecast origins (days) in the time-ordered validation/calibration split at the end of the data. */
  valOrigins: number;
  /** Observed days a series needs up to an origin for the window to be trained on. */
  minObserved: number;
  /** Weight of the squared-error term for the mean head next to the pinball loss. */
  meanLossWeight: number;
  /** Target P10–P90 coverage of conformal calibration. */
  coverage: number;
  /** Networks trained one after another with different seeds (the time budget is split); outputs averaged. */
  members: number;
  /** Spring Festival by-day flags among the known-future inputs (0 = the legacy seven). */
  festivalDays: number;
  /**
   * 1: per target day, the series' mean in the week around the same weekday 52 weeks earlier
   * (scaled by the window's level) and whether it was observed (0 = not, the layout before them).
   */
  yearBack: number;
}

export const TRAINING_DEFAULTS: NeuralTrainingParams = {
  lookback: 28,
  levelWindow: 91,
  clip: 20,
  epsShare: 0.05,
  epochs: 12,
  samplesPerEpoch: 0,
  batchSize: 256,
  learningRate: 1e-3,
  patience: 3,
  timeBudgetSec: 45,
  seed: 42,
  valOrigins: 7,
  minObserved: 7,
  meanLossWeight: 0.1,
  coverage: 0.8,
  members: 1,
  festivalDays: 1,
  yearBack: 1,
};

/** A finite number param (or the fallback when absent); throws on anything else. */
export function numberParam(
  params: Readonly<Record<string, unknown>>,
  key: string,
  fallback: number,
): number {
  const v = params[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new Error(`param '${key}' must be a finite number`);
  return v;
}

/** The widest layer a network param may ask for (wider ones fail to allocate on a worker). */
export const MAX_LAYER_WIDTH = 4096;

/**
 * The most weights a neural kind's networks may hold together (all its `members`). A fit keeps four
 * floats a weight (the weight, its gradient and Adam's two moments), 1 GiB at this cap; a network past
 * what the wasm backend can allocate aborts it, and an aborted backend fails every later tensor operation
 * of the process: every fit and every on-demand forecast until a restart.
 */
export const MAX_NETWORK_WEIGHTS = 64 * 1024 * 1024;

function isWidth(u: unknown): boolean {
  return typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= MAX_LAYER_WIDTH;
}

/** A positive integer param (a width, a count, a step); throws naming the param on anything else. */
export function positiveIntParam(
  params: Readonly<Record<string, unknown>>,
  key: string,
  fallback: number,
): number {
  const v = numberParam(params, key, fallback);
  if (!isWidth(v))
    throw new Error(`param '${key}' must be an integer in 1..${MAX_LAYER_WIDTH} (got ${v})`);
  return v;
}

/** A list-of-positive-integers param (layer widths). */
export function unitsParam(
  params: Readonly<Record<string, unknown>>,
  key: string,
  fallback: readonly number[],
): number[] {
  const v = params[key];
  if (v === undefined) return [...fallback];
  if (!Array.isArray(v) || !v.every(isWidth))
    throw new Error(
      `param '${key}' must be a list of positive integers (at most ${MAX_LAYER_WIDTH})`,
    );
  return v as number[];
}

function positiveInt(x: number, key: string): number {
  if (!Number.isInteger(x) || x < 1) throw new Error(`'${key}' must be a positive integer`);
  return x;
}

/** The largest training batch: 2^16 windows (the defaults use 256–512). */
export const MAX_BATCH_SIZE = 65_536;

/** Kind params merged with fit options (options win). */
export function resolveTraining(
  params: Readonly<Record<string, unknown>>,
  opts: FitOptions,
): NeuralTrainingParams {
  const d = TRAINING_DEFAULTS;
  const p: NeuralTrainingParams = {
    lookback: numberParam(params, 'lookback', d.lookback),
    levelWindow: numberParam(params, 'levelWindow', d.levelWindow),
    clip: numberParam(params, 'clip', d.clip),
    epsShare: numberParam(params, 'epsShare', d.epsShare),
    epochs: opts.epochs ?? numberParam(params, 'epochs', d.epochs),
    samplesPerEpoch: numberParam(params, 'samplesPerEpoch', d.samplesPerEpoch),
    batchSize: opts.batchSize ?? numberParam(params, 'batchSize', d.batchSize),
    learningRate: opts.learningRate ?? numberParam(params, 'learningRate', d.learningRate),
    patience: numberParam(params, 'patience', d.patience),
    timeBudgetSec: opts.timeBudgetSec ?? numberParam(params, 'timeBudgetSec', d.timeBudgetSec),
    seed: opts.seed ?? numberParam(params, 'seed', d.seed),
    valOrigins: numberParam(params, 'valOrigins', d.valOrigins),
    minObserved: numberParam(params, 'minObserved', d.minObserved),
    meanLossWeight: numberParam(params, 'meanLossWeight', d.meanLossWeight),
    coverage: numberParam(params, 'coverage', d.coverage),
    members: numberParam(params, 'members', d.members),
    festivalDays: numberParam(params, 'festivalDays', d.festivalDays),
    yearBack: numberParam(params, 'yearBack', d.yearBack),
  };
  if (p.festivalDays !== 0 && p.festivalDays !== 1)
    throw new Error("'festivalDays' must be 0 or 1");
  if (p.yearBack !== 0 && p.yearBack !== 1) throw new Error("'yearBack' must be 0 or 1");
  for (const k of [
    'lookback',
    'levelWindow',
    'epochs',
    'batchSize',
    'valOrigins',
    'members',
  ] as const)
    positiveInt(p[k], k);
  // A larger batch only fails mid-fit, when its input tensors cannot be allocated.
  if (p.batchSize > MAX_BATCH_SIZE)
    throw new Error(`'batchSize' must be at most ${MAX_BATCH_SIZE} (got ${p.batchSize})`);
  if (!Number.isInteger(p.samplesPerEpoch) || p.samplesPerEpoch < 0)
    throw new Error("'samplesPerEpoch' must be 0 (every window) or a positive integer");
  for (const k of ['patience', 'minObserved'] as const)
    if (!Number.isInteger(p[k]) || p[k] < 0)
      throw new Error(`'${k}' must be a non-negative integer`);
  // These fit without an error but make a model that forecasts 0 or NaN everywhere.
  if (!(p.clip > 0)) throw new Error("'clip' must be > 0");
  if (!(p.epsShare > 0)) throw new Error("'epsShare' must be > 0");
  if (!(p.meanLossWeight >= 0)) throw new Error("'meanLossWeight' must be ≥ 0");
  if (!(p.learningRate > 0)) throw new Error("'learningRate' must be > 0");
  if (!(p.timeBudgetSec > 0)) throw new Error("'timeBudgetSec' must be > 0");
  if (!(p.coverage > 0 && p.coverage < 1)) throw new Error("'coverage' must be in (0, 1)");
  return p;
}
