import type { LeaderboardRow, ModelBacktest } from './backtest.types.js';

/** Leaderboard rows sorted by WAPE, each with its relative improvement over the baseline model. */
export function buildLeaderboard(models: ModelBacktest[], baseline: string): LeaderboardRow[] {
  const base = models.find((m) => m.name === baseline);
  const baseWape = base?.wape ?? NaN;
  const key = (w: number): number => (Number.isNaN(w) ? Infinity : w);
  return [...models]
    .sort((a, b) => key(a.wape) - key(b.wape))
    .map((m, i) => ({
      rank: i + 1,
      name: m.name,
      kind: m.kind,
      wape: m.wape,
      improvement_vs_baseline: baseWape > 0 ? (baseWape - m.wape) / baseWape : NaN,
      is_baseline: m.name === baseline,
      mase: m.mase,
      bias: m.bias,
      coverage_p10_p90: m.coverage_p10_p90,
      pinball_mean: m.pinball.mean,
      points: m.points,
      series: m.series,
      fit_seconds: m.fit_seconds,
      predict_seconds: m.predict_seconds,
    }));
}
