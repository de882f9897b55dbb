import type { ModelBacktest } from '../../../src/evaluation/backtest.types.js';
import { renderLeaderboard } from '../../../src/evaluation/leaderboard-table.js';
import { buildLeaderboard } from '../../../src/evaluation/leaderboard.js';
import type { MetricSummary } from '../../../src/evaluation/score-sheet.js';

function model(name: string, kind: string, wape: number): ModelBacktest {
  const summary: MetricSummary = {
    wape,
    mase: 2 * wape,
    mae: 1,
    rmse: 1,
    smape: 1,
    mape: 1,
    bias: -0.1,
    r2: 0.5,
    coverage_p10_p90: 0.8,
    pinball: { p10: 1, p50: 2, p90: 3, mean: 2 },
    points: 100,
    series: 10,
  };
  return {
    name,
    kind,
    params: {},
    ...summary,
    fit_seconds: 1.5,
    fits: 3,
    predict_seconds: 0.25,
    by_horizon: {},
    windows: [],
  };
}

describe('leaderboard', () => {
  const rows = buildLeaderboard(
    [
      model('seasonal-naive', 'seasonal-naive', 0.5),
      model('ets', 'ets', 0.4),
      model('broken', 'linear', NaN),
      model('ma', 'moving-average', 0.55),
    ],
    'seasonal-naive',
  );

  it('sorts by WAPE (no WAPE last) and shows the relative improvement over the baseline', () => {
    expect(rows.map((r) => [r.rank, r.name])).toEqual([
      [1, 'ets'],
      [2, 'seasonal-naive'],
      [3, 'ma'],
      [4, 'broken'],
    ]);
    expect(rows[0].improvement_vs_baseline).toBeCloseTo(0.2, 12);
    expect(rows[1].improvement_vs_baseline).toBe(0);
    expect(rows[1].is_baseline).toBe(true);
    expect(rows[2].improvement_vs_baseline).toBeCloseTo(-0.1, 12);
  });

  it('renders an aligned text table', () => {
    const text = renderLeaderboard(rows);
    const lines = text.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^#\s+model\s+WAPE\s+vs baseline\s+MASE/);
    expect(lines[2]).toMatch(/^1\s+ets\s+0\.400\s+\+20\.0%\s+0\.800\s+-10\.0%\s+0\.800/);
    expect(lines[3]).toContain('seasonal-naive (baseline)');
    expect(lines[4]).toContain('-10.0%');
    expect(lines[5]).toMatch(/broken\s+-\s+-/);
    const wapeAt = lines[0].indexOf('WAPE') + 'WAPE'.length;
    expect(lines.slice(2).every((l) => l[wapeAt - 1] !== ' ')).toBe(true);
  });
});
