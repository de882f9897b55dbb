import { EtsForecaster } from '../../../../src/forecasting/models/ets.model.js';
import {
  HW_BOUNDS,
  fitHoltWinters,
  holtWintersFilter,
  holtWintersForecast,
} from '../../../../src/forecasting/stats/holt-winters.js';
import { mulberry32, panelFromRows } from '../../../helpers/synthetic-panel.js';

const WEEK = [10, 9, 10, 9, 11, 15, 14];
const cfg = { season: 7, trend: false, phi: 1, maxHistory: 730 };

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
}

describe('ets (additive Holt-Winters)', () => {
  it('reproduces a clean weekly pattern, across a gap of unlisted days', () => {
    const y = Float64Array.from({ length: 84 }, (_, t) => (t >= 40 && t < 52 ? NaN : WEEK[t % 7]));
    const p = { alpha: 0.3, beta: 0, gamma: 0.2 };
    const state = holtWintersFilter(y, p, cfg);
    expect(state.sse).toBeCloseTo(0, 9);
    const path = holtWintersForecast(state, y.length, 14, cfg);
    Array.from(path).forEach((v, i) => expect(v).toBeCloseTo(WEEK[(84 + i) % 7], 9));
  });

  it('picks a small alpha for stationary noise and a large one for a random walk', () => {
    const rand = mulberry32(5);
    const noise = Float64Array.from({ length: 400 }, () => 50 + 5 * gaussian(rand));
    let level = 50;
    const walk = Float64Array.from({ length: 400 }, () => (level += 3 * gaussian(rand)));
    const start = { alpha: 0.1, beta: 0, gamma: 0.1 };
    const quiet = fitHoltWinters(noise, cfg, start);
    const moving = fitHoltWinters(walk, cfg, start);
    expect(quiet.alpha).toBeLessThan(0.1);
    expect(moving.alpha).toBeGreaterThan(0.4);
    for (const p of [quiet, moving]) {
      expect(p.alpha).toBeGreaterThanOrEqual(HW_BOUNDS.alpha[0]);
      expect(p.alpha).toBeLessThanOrEqual(HW_BOUNDS.alpha[1]);
      expect(p.gamma).toBeLessThanOrEqual(HW_BOUNDS.gamma[1]);
    }
  });

  it('follows a trend with the additive trend option, and damps it with φ < 1', () => {
    const y = Float64Array.from({ length: 200 }, (_, t) => 20 + 0.5 * t + WEEK[t % 7]);
    const p = { alpha: 0.3, beta: 0.1, gamma: 0.1 };
    const trended = { ...cfg, trend: true };
    const up = holtWintersForecast(holtWintersFilter(y, p, trended), 200, 28, trended);
    expect(up[27]).toBeCloseTo(20 + 0.5 * 227 + WEEK[227 % 7], 0);
    const damped = { ...trended, phi: 0.8 };
    const flat = holtWintersForecast(holtWintersFilter(y, p, damped), 200, 28, damped);
    expect(flat[27]).toBeLessThan(up[27] - 5);
  });

  it('fits per-series parameters and falls back to their median for unseen series', async () => {
    const rand = mulberry32(9);
    const rows = [0, 1, 2].map((k) =>
      Array.from({ length: 120 }, (_, t) => WEEK[t % 7] * (1 + k) + gaussian(rand)),
    );
    const f = new EtsForecaster();
    await f.fit(panelFromRows(rows), { target: 'quantity', horizon: 7 });
    const fitted = ['S00', 'S01', 'S02'].map((id) => f.smoothingParams(id).alpha).sort();
    expect(f.smoothingParams('unseen').alpha).toBe(fitted[1]);
    const [forecast] = await f.predict({
      panel: panelFromRows([rows[1]], '2024-01-01', ['unseen']),
      horizon: 7,
    });
    expect(forecast.seriesId).toBe('unseen');
  });
});
