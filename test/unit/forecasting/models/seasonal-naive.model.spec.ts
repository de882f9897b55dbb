import { seasonalNaivePath } from '../../../../src/forecasting/models/seasonal-naive.model.js';
import { createForecaster } from '../../../../src/forecasting/forecaster.registry.js';
import { panelFromRows } from '../../../helpers/synthetic-panel.js';

describe('seasonal naive', () => {
  const history = Float64Array.from({ length: 14 }, (_, t) => t + 1);

  it('repeats the last observed week', () => {
    expect(Array.from(seasonalNaivePath(history, 9, 7, 8))).toEqual([
      8, 9, 10, 11, 12, 13, 14, 8, 9,
    ]);
  });

  it('takes the most recent observed value of the same weekday over a gap', () => {
    const gappy = history.slice();
    gappy[7] = NaN; // last week's value for step 1 is missing: the week before it is used
    gappy[13] = NaN;
    gappy[6] = NaN; // and for step 7 neither week has it: the last observed day is used
    expect(Array.from(seasonalNaivePath(gappy, 7, 7, 8))).toEqual([1, 9, 10, 11, 12, 13, 13]);
  });

  it('forecasts a clean weekly pattern exactly, with zero-width intervals', async () => {
    const week = [1, 2, 3, 4, 5, 6, 7];
    const panel = panelFromRows([Array.from({ length: 70 }, (_, t) => week[t % 7])]);
    const f = await createForecaster('seasonal-naive');
    await f.fit(panel, { target: 'quantity', horizon: 7 });
    const [forecast] = await f.predict({ panel, horizon: 7 });
    expect(forecast.mean).toEqual(week);
    expect(forecast.quantiles.p10).toEqual(week);
    expect(forecast.quantiles.p90).toEqual(week);
  });
});
