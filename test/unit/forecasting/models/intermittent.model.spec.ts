import { createForecaster } from '../../../../src/forecasting/forecaster.registry.js';
import { croston, tsb } from '../../../../src/forecasting/stats/intermittent-demand.js';
import { panelFromRows } from '../../../helpers/synthetic-panel.js';

const everyOther = Float64Array.from({ length: 60 }, (_, t) => (t % 2 === 1 ? 4 : 0));

describe('croston and tsb', () => {
  it('croston: size over interval, with the SBA correction', () => {
    expect(croston(everyOther, 0.2, false, 730).forecast).toBeCloseTo(2, 12);
    expect(croston(everyOther, 0.2, true, 730).forecast).toBeCloseTo(2 * 0.9, 12);
  });

  it('tsb: probability × size; a series that always sells forecasts its level', () => {
    const always = new Float64Array(40).fill(3);
    const r = tsb(always, 0.3, 0.3, 730);
    expect(r.forecast).toBeCloseTo(3, 12);
    expect(r.sse).toBeCloseTo(0, 12);
    expect(tsb(everyOther, 0.1, 0.02, 730).forecast).toBeGreaterThan(1.8);
    expect(tsb(everyOther, 0.1, 0.02, 730).forecast).toBeLessThan(2.2);
  });

  it('treats unlisted days as absent, not as days without demand', () => {
    const gappy = Float64Array.from([
      ...everyOther.slice(0, 30),
      NaN,
      NaN,
      NaN,
      ...everyOther.slice(30),
    ]);
    expect(tsb(gappy, 0.1, 0.05, 730).forecast).toBe(tsb(everyOther, 0.1, 0.05, 730).forecast);
    expect(croston(gappy, 0.1, true, 730).forecast).toBe(
      croston(everyOther, 0.1, true, 730).forecast,
    );
  });

  it('decays the tsb forecast after demand stops, while croston keeps it', async () => {
    const row = [...Array.from(everyOther), ...new Array<number>(30).fill(0)];
    const panel = panelFromRows([row]);
    const params = { fitSmoothing: false };
    const t = await createForecaster('tsb', { ...params, alphaProb: 0.1 });
    const c = await createForecaster('croston', { ...params, alpha: 0.1 });
    await t.fit(panel, { target: 'quantity', horizon: 3 });
    await c.fit(panel, { target: 'quantity', horizon: 3 });
    const [tf] = await t.predict({ panel, horizon: 3 });
    const [cf] = await c.predict({ panel, horizon: 3 });
    expect(tf.mean[0]).toBeLessThan(0.2);
    expect(cf.mean[0]).toBeGreaterThan(1.5);
  });
});
