/** A model's backtest scores as job results carry them (non-finite values as null: JSON has no NaN). */
export interface JobScores {
  wape: number;
  mase: number | null;
  coverage: number | null;
}

export function scoresOf(m: { wape: number; mase: number; coverage_p10_p90: number }): JobScores {
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return { wape: m.wape, mase: finite(m.mase), coverage: finite(m.coverage_p10_p90) };
}
