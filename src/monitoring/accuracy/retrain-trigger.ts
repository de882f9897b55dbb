import type { AccuracyReport } from './accuracy-scorer.js';

export interface RetrainDecision {
  model: string;
  liveWape: number;
  backtestWape: number;
  /** Same report, same decision: the key that keeps one retrain per model and day. */
  idempotencyKey: string;
}

/**
 * Whether the prod model's live WAPE over the widest window (all horizons, all categories) is worse
 * than its backtest WAPE by more than `share` (0: never retrain on accuracy).
 */
export function retrainDecision(report: AccuracyReport, share: number): RetrainDecision | null {
  if (!(share > 0) || report.prod_model === null || report.windows.length === 0) return null;
  const prod = report.prod_model;
  const widest = Math.max(...report.windows);
  const row = report.rows.find(
    (r) =>
      r.model_version === prod &&
      r.window_days === widest &&
      r.horizon_bucket === 'all' &&
      r.category === 'all',
  );
  const backtest = report.models.find((m) => m.model_version === prod)?.backtest;
  if (!row || !backtest || !Number.isFinite(row.wape) || !Number.isFinite(backtest.wape))
    return null;
  if (!(row.wape > backtest.wape * (1 + share))) return null;
  return {
    model: prod,
    liveWape: row.wape,
    backtestWape: backtest.wape,
    idempotencyKey: `retrain-${prod}-${report.as_of}`,
  };
}
