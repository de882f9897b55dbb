import type { AccuracyReport } from '../../../src/monitoring/accuracy/accuracy-scorer.js';
import type { AccuracyRow } from '../../../src/monitoring/accuracy/live-accuracy.js';
import { retrainDecision } from '../../../src/monitoring/accuracy/retrain-trigger.js';

const row = (over: Partial<AccuracyRow>): AccuracyRow => ({
  window_days: 28,
  model_version: 'prod-1',
  horizon_bucket: 'all',
  category: 'all',
  scored_days: 20,
  points: 400,
  wape: 0.3,
  bias: 0,
  mase: 1,
  pinball: 1,
  coverage: 0.8,
  ...over,
});

function report(rows: AccuracyRow[], backtestWape: number | null = 0.25): AccuracyReport {
  return {
    target: 'quantity',
    as_of: '2023-07-08',
    generated_at: '2023-07-09T00:00:00Z',
    windows: [7, 28],
    prod_model: 'prod-1',
    models: [
      {
        model_version: 'prod-1',
        kind: 'ets',
        backtest: backtestWape === null ? null : { wape: backtestWape, mase: 1, coverage: 0.8 },
      },
    ],
    rows,
  };
}

describe('retrain on degraded live accuracy', () => {
  it('retrains when the widest window is worse than the backtest by more than the share', () => {
    // 0.3 > 0.25 × 1.1 = 0.275: degraded by 20 %, past the 10 % allowed.
    expect(retrainDecision(report([row({})]), 0.1)).toEqual({
      model: 'prod-1',
      liveWape: 0.3,
      backtestWape: 0.25,
      idempotencyKey: 'retrain-prod-1-2023-07-08',
    });
  });

  it('does not retrain within the share, when off, or without figures to compare', () => {
    expect(retrainDecision(report([row({})]), 0.25)).toBeNull(); // 0.3 ≤ 0.3125
    expect(retrainDecision(report([row({})]), 0)).toBeNull();
    expect(retrainDecision(report([row({})], null), 0.1)).toBeNull();
    expect(retrainDecision({ ...report([row({})]), prod_model: null }, 0.1)).toBeNull();
    expect(retrainDecision(report([row({ wape: NaN })]), 0.1)).toBeNull();
  });

  it('judges only the prod model over the widest window, all horizons and categories', () => {
    const noisy = [
      row({ wape: 0.26 }),
      row({ window_days: 7, wape: 0.9 }),
      row({ horizon_bucket: '1', wape: 0.9 }),
      row({ category: 'Leafy', wape: 0.9 }),
      row({ model_version: 'canary-2', wape: 0.9 }),
    ];
    expect(retrainDecision(report(noisy), 0.1)).toBeNull();
  });
});
