import { runBacktest } from '../../src/evaluation/backtest.js';
import { createForecaster } from '../../src/forecasting/forecaster.registry.js';
import { syntheticPanel } from '../helpers/synthetic-panel.js';

/**
 * On data shaped like the retailer's (weekly pattern with weekend uplift, intermittent series, gaps),
 * Holt-Winters and the ridge model must beat weekly seasonal naive clearly, with calibrated intervals.
 */
describe('statistical models against seasonal naive (synthetic panel)', () => {
  it('ets and linear cut WAPE by more than 10 % with ~80 % P10–P90 coverage', async () => {
    const panel = syntheticPanel({ series: 24, days: 364, seed: 3 });
    const res = await runBacktest(
      panel,
      [
        { forecaster: await createForecaster('ets') },
        { forecaster: await createForecaster('linear') },
      ],
      { horizon: 28, windows: 2 },
    );
    const row = (name: string) => res.leaderboard.find((r) => r.name === name);
    expect(res.eligibleSeries).toEqual([23, 23]);
    for (const name of ['ets', 'linear']) {
      expect(row(name)?.improvement_vs_baseline).toBeGreaterThan(0.1);
      expect(row(name)?.coverage_p10_p90).toBeGreaterThan(0.7);
      expect(row(name)?.coverage_p10_p90).toBeLessThan(0.9);
    }
    expect(res.leaderboard[res.leaderboard.length - 1].name).toBe('seasonal-naive');
  });
});
