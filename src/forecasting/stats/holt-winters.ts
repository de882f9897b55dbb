import { nelderMead } from './nelder-mead.js';

/** Smoothing parameters of additive Holt-Winters (error-correction form). */
export interface HoltWintersParams {
  alpha: number;
  /** Trend smoothing; 0 with `trend: false`. */
  beta: number;
  gamma: number;
}

export interface HoltWintersConfig {
  season: number;
  trend: boolean;
  /** Trend damping φ (1 = undamped); ignored without trend. */
  phi: number;
  /** Only the last `maxHistory` days of a history are filtered. */
  maxHistory: number;
}

/** Filter state after the last day of a history. */
export interface HoltWintersState {
  level: number;
  trend: number;
  /** Seasonal terms by day index modulo the season. */
  seasonal: Float64Array;
  /** One-step squared error sum and the number of observed days it covers (after the first season). */
  sse: number;
  n: number;
  /** Index of the first observed day filtered; -1 when the history had none. */
  start: number;
}

/** Parameter bounds: smoothing parameters stay small enough for 28-day forecasts to be stable. */
export const HW_BOUNDS = {
  alpha: [0.005, 0.7],
  beta: [0, 0.15],
  gamma: [0.005, 0.6],
} as const;

/**
 * Runs additive Holt-Winters over a history with NaN gaps. Initial level and seasonal terms come
 * from the first four seasons of observed data; a missing day advances the state without an update
 * (level + damped trend, seasonal term kept), so gaps neither count as zeros nor break the phase.
 */
export function holtWintersFilter(
  y: Float64Array,
  p: HoltWintersParams,
  cfg: HoltWintersConfig,
): HoltWintersState {
  const m = cfg.season;
  const seasonal = new Float64Array(m);
  const from = Math.max(0, y.length - cfg.maxHistory);
  let f = from;
  while (f < y.length && Number.isNaN(y[f])) f++;
  if (f >= y.length) return { level: NaN, trend: 0, seasonal, sse: 0, n: 0, start: -1 };
  const initEnd = Math.min(y.length, f + 4 * m);
  let sum = 0;
  let count = 0;
  for (let t = f; t < initEnd; t++)
    if (!Number.isNaN(y[t])) {
      sum += y[t];
      count++;
    }
  let level = sum / count;
  const sSum = new Float64Array(m);
  const sCount = new Float64Array(m);
  for (let t = f; t < initEnd; t++)
    if (!Number.isNaN(y[t])) {
      sSum[t % m] += y[t] - level;
      sCount[t % m]++;
    }
  let mean = 0;
  for (let j = 0; j < m; j++) {
    seasonal[j] = sCount[j] > 0 ? sSum[j] / sCount[j] : 0;
    mean += seasonal[j] / m;
  }
  for (let j = 0; j < m; j++) seasonal[j] -= mean;
  const phi = cfg.trend ? cfg.phi : 0;
  const beta = cfg.trend ? p.beta : 0;
  let trend = 0;
  let sse = 0;
  let n = 0;
  for (let t = f; t < y.length; t++) {
    const j = t % m;
    const base = level + phi * trend;
    const v = y[t];
    if (Number.isNaN(v)) {
      level = base;
      trend *= phi;
      continue;
    }
    const e = v - (base + seasonal[j]);
    if (t >= f + m) {
      sse += e * e;
      n++;
    }
    level = base + p.alpha * e;
    trend = phi * trend + beta * e;
    seasonal[j] += p.gamma * e;
  }
  return { level, trend, seasonal, sse, n, start: f };
}

/** Point path for steps 1..horizon after a history of length `length` ended in `state`. */
export function holtWintersForecast(
  state: HoltWintersState,
  length: number,
  horizon: number,
  cfg: HoltWintersConfig,
): Float64Array {
  const out = new Float64Array(horizon);
  const m = cfg.season;
  const phi = cfg.trend ? cfg.phi : 0;
  let damp = 0;
  let phiPow = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPow *= phi;
    damp += phiPow;
    out[h - 1] = state.level + damp * state.trend + state.seasonal[(length - 1 + h) % m];
  }
  return out;
}

const sigmoid = (u: number): number => 1 / (1 + Math.exp(-u));
const logit = (p: number): number => Math.log(p / (1 - p));
const toUnit = (v: number, [lo, hi]: readonly [number, number]): number =>
  logit(Math.min(0.999, Math.max(0.001, (v - lo) / (hi - lo))));
const fromUnit = (u: number, [lo, hi]: readonly [number, number]): number =>
  lo + (hi - lo) * sigmoid(u);

/**
 * Smoothing parameters minimising the in-sample one-step SSE: a 3×3 grid over (alpha, gamma) picks
 * the start, Nelder–Mead refines it in logit space within HW_BOUNDS. Returns `fallback` when the
 * history has too few observed days to judge.
 */
export function fitHoltWinters(
  y: Float64Array,
  cfg: HoltWintersConfig,
  fallback: HoltWintersParams,
  maxEvals = 80,
): HoltWintersParams {
  const toParams = (x: number[]): HoltWintersParams => ({
    alpha: fromUnit(x[0], HW_BOUNDS.alpha),
    gamma: fromUnit(x[1], HW_BOUNDS.gamma),
    beta: cfg.trend ? fromUnit(x[2], HW_BOUNDS.beta) : 0,
  });
  const objective = (x: number[]): number => {
    const s = holtWintersFilter(y, toParams(x), cfg);
    return s.n === 0 ? Number.MAX_VALUE : s.sse / s.n;
  };
  const probe = holtWintersFilter(y, fallback, cfg);
  if (probe.n < 2 * cfg.season) return fallback;
  let best: number[] = [];
  let bestValue = Infinity;
  for (const alpha of [0.05, 0.15, 0.35])
    for (const gamma of [0.02, 0.1, 0.3]) {
      const x = [toUnit(alpha, HW_BOUNDS.alpha), toUnit(gamma, HW_BOUNDS.gamma)];
      if (cfg.trend) x.push(toUnit(0.01, HW_BOUNDS.beta));
      const v = objective(x);
      if (v < bestValue) {
        bestValue = v;
        best = x;
      }
    }
  const result = nelderMead(objective, best, { step: 0.7, maxEvals, tolerance: 1e-5 });
  return toParams(result.value < bestValue ? result.x : best);
}
