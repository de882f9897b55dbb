import { movingAverage } from '../../../../src/forecasting/models/moving-average.model.js';
import { createForecaster } from '../../../../src/forecasting/forecaster.registry.js';
import { panelFromRows } from '../../../helpers/synthetic-panel.js';

describe('moving average', () => {
  it('averages the last `window` observed days, skipping missing ones', () => {
    const h = Float64Array.from([9, 1, NaN, 3, 5]);
    expect(movingAverage(h, 2)).toBe(4);
    expect(movingAverage(h, 3)).toBe(3);
    expect(movingAverage(h, 10)).toBe(4.5);
    expect(movingAverage(Float64Array.from([NaN]), 3)).toBeNaN();
  });

  it('forecasts flat at that mean', async () => {
    const row = Array.from({ length: 30 }, (_, t) => (t < 23 ? 100 : t % 2 === 0 ? 2 : 4));
    const f = await createForecaster('moving-average', { window: 6 });
    await f.fit(panelFromRows([row]), { target: 'quantity', horizon: 5 });
    const [forecast] = await f.predict({ panel: panelFromRows([row]), horizon: 5 });
    expect(forecast.mean).toEqual([3, 3, 3, 3, 3]);
  });
});
