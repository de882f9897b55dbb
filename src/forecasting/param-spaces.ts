import type { ForecasterKind } from './forecaster.registry.js';

/** A hyperparameter value a search may try (what the kinds' params accept). */
export type ParamValue = number | string | boolean | readonly number[];

/** One searchable parameter: a range (log-scale where the scale is multiplicative) or a choice. */
export type ParamDimension =
  | { type: 'int'; min: number; max: number; log?: boolean }
  | { type: 'float'; min: number; max: number; log?: boolean }
  | { type: 'choice'; values: readonly ParamValue[] };

/** A kind's search space: parameter name → dimension. Every point is valid for the kind's params. */
export type ParamSpace = Readonly<Record<string, ParamDimension>>;

const learningRate: ParamDimension = { type: 'float', min: 3e-4, max: 3e-3, log: true };
const batchSize: ParamDimension = { type: 'choice', values: [128, 256, 512] };
const lookback: ParamDimension = { type: 'choice', values: [28, 56] };
const meanLossWeight: ParamDimension = { type: 'float', min: 0.01, max: 0.5, log: true };
const yearBack: ParamDimension = { type: 'choice', values: [0, 1] };
const recurrent: ParamSpace = {
  learningRate,
  batchSize,
  units: { type: 'choice', values: [16, 32, 64] },
  hidden: { type: 'choice', values: [[64], [128], [256]] },
  meanLossWeight,
  yearBack,
};

/**
 * Search spaces of the kinds a tune can search, inside the ranges each kind's params accept (the
 * zod params schema of the statistical kinds, `resolveTraining` and the network builders of the
 * neural ones). Kinds without an entry (seasonal naive, ensemble) have nothing worth searching.
 * Budgets and seeds are not searched: the tune sets them.
 */
export const PARAM_SPACES: Readonly<Partial<Record<ForecasterKind, ParamSpace>>> = {
  'moving-average': { window: { type: 'int', min: 7, max: 112, log: true } },
  ets: {
    trend: { type: 'choice', values: ['none', 'additive', 'damped'] },
    phi: { type: 'float', min: 0.8, max: 0.98 },
    maxHistory: { type: 'int', min: 182, max: 1460, log: true },
  },
  croston: {
    variant: { type: 'choice', values: ['classic', 'sba'] },
    alpha: { type: 'float', min: 0.02, max: 0.5, log: true },
    fitSmoothing: { type: 'choice', values: [true, false] },
  },
  tsb: {
    alphaSize: { type: 'float', min: 0.02, max: 0.5, log: true },
    alphaProb: { type: 'float', min: 0.02, max: 0.5, log: true },
    fitSmoothing: { type: 'choice', values: [true, false] },
  },
  linear: {
    lags: { type: 'int', min: 7, max: 56 },
    l2: { type: 'float', min: 1e-4, max: 10, log: true },
    trainDays: { type: 'int', min: 182, max: 1460, log: true },
    weighting: { type: 'choice', values: ['scale', 'none'] },
    clip: { type: 'float', min: 3, max: 30, log: true },
    yearsBack: { type: 'choice', values: [0, 1, 2] },
  },
  gbt: {
    lags: { type: 'int', min: 7, max: 28 },
    trainDays: { type: 'int', min: 365, max: 1460, log: true },
    rounds: { type: 'int', min: 100, max: 600, log: true },
    learningRate: { type: 'float', min: 0.02, max: 0.2, log: true },
    maxLeaves: { type: 'choice', values: [15, 31, 63] },
    minLeafRows: { type: 'int', min: 20, max: 1000, log: true },
    l2: { type: 'float', min: 0.1, max: 100, log: true },
    subsample: { type: 'float', min: 0.3, max: 1 },
    colsample: { type: 'float', min: 0.5, max: 1 },
    levelFeature: { type: 'choice', values: [true, false] },
    yearsBack: { type: 'choice', values: [0, 1, 2] },
    objective: { type: 'choice', values: ['l1', 'l2'] },
  },
  mlp: {
    learningRate,
    batchSize,
    lookback,
    units: { type: 'choice', values: [[128], [256], [128, 128], [256, 256], [512, 256]] },
    meanLossWeight,
    members: { type: 'choice', values: [1, 2] },
    yearBack,
  },
  lstm: recurrent,
  gru: recurrent,
  transformer: {
    learningRate,
    batchSize,
    dModel: { type: 'choice', values: [16, 32, 64] },
    ffUnits: { type: 'choice', values: [32, 64, 128] },
    meanLossWeight,
    yearBack,
  },
};

/** The kind's search space, or null when it has none. */
export function paramSpaceOf(kind: string): ParamSpace | null {
  const space: ParamSpace | undefined = (PARAM_SPACES as Readonly<Record<string, ParamSpace>>)[
    kind
  ];
  return space ?? null;
}

/** Kinds a tune can search. */
export function tunableKinds(): string[] {
  return Object.keys(PARAM_SPACES);
}

function sampleDimension(d: ParamDimension, random: () => number): ParamValue {
  if (d.type === 'choice')
    return d.values[Math.min(d.values.length - 1, Math.floor(random() * d.values.length))];
  const u = random();
  const x =
    d.log === true && d.min > 0
      ? Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min)))
      : d.min + u * (d.max - d.min);
  if (d.type === 'int') return Math.min(d.max, Math.max(d.min, Math.round(x)));
  // Four significant digits: readable in results and manifests, and the same on every machine.
  return Math.min(d.max, Math.max(d.min, Number(x.toPrecision(4))));
}

/** One point of the space, drawn with `random` (uniform [0, 1)); keys in the space's order. */
export function sampleParams(space: ParamSpace, random: () => number): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, d] of Object.entries(space)) out[name] = sampleDimension(d, random);
  return out;
}
