import { leaderboardRows } from '../../../src/registry/leaderboard.js';
import type { ModelVersion } from '../../../src/registry/model-manifest.schema.js';

function version(
  id: string,
  kind: string,
  createdAt: string,
  wape: number,
  naive: number,
  stage: ModelVersion['stage'] = 'dev',
): ModelVersion {
  return {
    schemaVersion: 1,
    id,
    target: 'quantity',
    kind,
    params: {},
    horizon: 28,
    featureSpec: {},
    state: {},
    training: { start: '2022-01-01', end: '2023-06-30', fingerprint: 'f' },
    backtest: {
      wape,
      coverage_p10_p90: 0.8,
      seasonal_naive_wape: naive,
      mase: 0.9,
      protocol: { horizon: 28, windows: 3, step: 28 },
    },
    codeVersion: '0.1.0',
    createdAt,
    artifacts: [],
    stage,
    aliases: [],
  };
}

describe('leaderboardRows', () => {
  it('ranks by WAPE with one seasonal naive row from the newest backtest and the skill over it', () => {
    const rows = leaderboardRows([
      version('quantity-ets-20230101T000000Z-aaaaaa', 'ets', '2023-01-01T00:00:00.000Z', 0.5, 0.6),
      version(
        'quantity-lstm-20230201T000000Z-bbbbbb',
        'lstm',
        '2023-02-01T00:00:00.000Z',
        0.4,
        0.5,
        'prod',
      ),
    ]);
    expect(rows.map((r) => [r.kind, r.wape, r.seasonal_naive])).toEqual([
      ['lstm', 0.4, false],
      ['seasonal-naive', 0.5, true],
      ['ets', 0.5, false],
    ]);
    expect(rows[0].skill_vs_seasonal_naive).toBeCloseTo(0.2, 6);
    expect(rows[0].protocol).toBe('28 days × 3 windows, step 28');
    expect(rows[1].id).toBeNull();
  });

  it('leaves out models never backtested', () => {
    const v = version(
      'quantity-ets-20230101T000000Z-aaaaaa',
      'ets',
      '2023-01-01T00:00:00.000Z',
      1,
      1,
    );
    expect(leaderboardRows([{ ...v, backtest: null }])).toEqual([]);
  });
});
