import { roundShare } from '../../common/wire-numbers.js';
import type { BacktestResult } from '../../evaluation/backtest.types.js';
import type { MetricSummary } from '../../evaluation/score-sheet.js';

type Json = number | string | boolean | null | Json[] | { [k: string]: Json };

/** Metrics for people: 4 decimals (src/common/wire-numbers.ts); not finite → null. */
function num(x: number): number | null {
  return Number.isFinite(x) ? roundShare(x) : null;
}

/** Timings to the millisecond. */
function seconds(x: number): number | null {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null;
}

function metrics(m: MetricSummary): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'number') out[k] = num(v);
    else if (v && typeof v === 'object')
      out[k] = Object.fromEntries(
        Object.entries(v as Record<string, number>).map(([kk, vv]) => [kk, num(vv)]),
      );
  }
  return out;
}

/** `freshcast backtest --json`: {"models": {KIND: {wape, mase, ..., by_horizon}}, ...protocol}. */
export function backtestJson(result: BacktestResult): Record<string, Json> {
  const models: Record<string, Json> = {};
  for (const m of result.models) {
    models[m.name] = {
      ...metrics(m),
      points: m.points,
      series: m.series,
      fit_seconds: seconds(m.fit_seconds),
      ...(m.fits_out_of_time !== undefined ? { fits_out_of_time: m.fits_out_of_time } : {}),
      predict_seconds: seconds(m.predict_seconds),
      by_horizon: Object.fromEntries(Object.entries(m.by_horizon).map(([h, s]) => [h, metrics(s)])),
      windows: m.windows.map((w) => ({
        cutoff: w.cutoff,
        refit: w.refit,
        wape: num(w.wape),
        bias: num(w.bias),
        coverage_p10_p90: num(w.coverage_p10_p90),
        points: w.points,
        series: w.series,
      })),
    };
  }
  return {
    models,
    target: result.target,
    horizon: result.horizon,
    step: result.step,
    cutoffs: result.cutoffs,
    point: result.point,
    baseline: result.baseline,
  };
}
