import { wape } from '../../src/evaluation/metrics.js';
import type { Forecaster } from '../../src/forecasting/forecast.types.js';
import { panelFromRows } from './synthetic-panel.js';

const WEEK = [10, 9, 10, 9, 11, 15, 14];

/** How close a lag-row kind (linear, gbt) must come in the shared behaviour cases. */
export interface LagRowTolerances {
  /** Highest WAPE of the weekly pattern across levels. */
  weeklyWape: number;
  /** Decimal places to which ten times the level forecasts ten times as much. */
  scaleDigits: number;
}

/**
 * The behaviour cases every global lag-row kind shares (its rows are lags and means divided by the
 * series level): a weekly pattern learnt across series of different levels, and forecasts that scale
 * with the level. `make` builds an unfitted forecaster of the kind.
 */
export function lagRowKindBehaviours(make: () => Forecaster, tol: LagRowTolerances): void {
  it('learns a weekly pattern shared by series of different levels', async () => {
    const levels = [1, 3, 20, 0.5];
    const rows = levels.map((l) => Array.from({ length: 150 }, (_, t) => l * WEEK[t % 7]));
    const truth = levels.map((l) => Array.from({ length: 28 }, (_, h) => l * WEEK[(150 + h) % 7]));
    const panel = panelFromRows(rows);
    const f = make();
    const report = await f.fit(panel, { target: 'quantity', horizon: 28 });
    expect(report.samples).toBeGreaterThan(1000);
    const forecasts = await f.predict({ panel, horizon: 28 });
    expect(
      wape(
        truth.flat(),
        forecasts.flatMap((x) => x.mean),
      ),
    ).toBeLessThan(tol.weeklyWape);
    f.dispose();
  });

  it('scales: the same shape at ten times the level forecasts ten times as much', async () => {
    const rows = [0, 1, 2].map((k) =>
      Array.from({ length: 120 }, (_, t) => (k + 1) * WEEK[(t + k) % 7] + (t % 5)),
    );
    const f = make();
    await f.fit(panelFromRows(rows), { target: 'quantity', horizon: 7 });
    const small = await f.predict({ panel: panelFromRows([rows[0]]), horizon: 7 });
    const big = await f.predict({ panel: panelFromRows([rows[0].map((v) => 10 * v)]), horizon: 7 });
    small[0].mean.forEach((v, i) => expect(big[0].mean[i]).toBeCloseTo(10 * v, tol.scaleDigits));
    f.dispose();
  });
}
