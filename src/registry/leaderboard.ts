import { roundShare } from '../common/wire-numbers.js';
import { BASELINE_KIND } from '../forecasting/forecaster.registry.js';
import type { Target } from '../data/series-panel.js';
import type { ModelVersion } from './model-manifest.schema.js';
import type { LeaderboardRowDto } from './dto/leaderboard.dto.js';

const round4 = roundShare;

/**
 * The leaderboard of the registered models' backtests, per target lowest WAPE first, with one
 * seasonal naive row per target (the baseline measured in the newest backtest) so every model is
 * seen against it.
 */
export function leaderboardRows(versions: readonly ModelVersion[]): LeaderboardRowDto[] {
  const byTarget = new Map<Target, LeaderboardRowDto[]>();
  const newestFirst = [...versions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  for (const v of newestFirst) {
    const b = v.backtest;
    if (!b) continue;
    let rows = byTarget.get(v.target);
    if (!rows) {
      rows = [
        {
          id: null,
          kind: BASELINE_KIND,
          target: v.target,
          stage: null,
          aliases: [],
          created_at: null,
          wape: round4(b.seasonal_naive_wape),
          mase: null,
          coverage_p10_p90: null,
          seasonal_naive: true,
          skill_vs_seasonal_naive: 0,
          protocol: protocolText(b.protocol),
        },
      ];
      byTarget.set(v.target, rows);
    }
    rows.push({
      id: v.id,
      kind: v.kind,
      target: v.target,
      stage: v.stage,
      aliases: v.aliases,
      created_at: v.createdAt,
      wape: round4(b.wape),
      mase: b.mase === undefined ? null : round4(b.mase),
      coverage_p10_p90: round4(b.coverage_p10_p90),
      seasonal_naive: v.kind === BASELINE_KIND,
      skill_vs_seasonal_naive:
        b.seasonal_naive_wape > 0 ? round4(1 - b.wape / b.seasonal_naive_wape) : 0,
      protocol: protocolText(b.protocol),
    });
  }
  return [...byTarget.values()].flatMap((rows) => rows.sort((a, b) => a.wape - b.wape));
}

function protocolText(p: { horizon: number; windows: number; step: number }): string {
  return `${p.horizon} days × ${p.windows} window${p.windows === 1 ? '' : 's'}, step ${p.step}`;
}
