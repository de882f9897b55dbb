import { roundFor, roundKg, roundMoney } from '../../../src/common/wire-numbers.js';
import type { Forecast } from '../../../src/forecasting/forecast.types.js';
import { slice } from '../../../src/serving/forecast-window.js';

/** Values as a float32 tensor hands them back. */
const f32 = (xs: number[]): number[] => Array.from(new Float32Array(xs));

const forecast: Forecast = {
  seriesId: 'a',
  dates: ['2023-07-01', '2023-07-02', '2023-07-03'],
  mean: f32([20.06066047651757, 1.12, 0]),
  quantiles: {
    p10: f32([3.3, 0.1, 0]),
    p50: f32([20.06066047651757, 1.12, 7]),
    p90: f32([99.9, 4.44, 9]),
  },
};

describe('forecast points for people', () => {
  it('carries float32 noise inside, and the answer rounds it away: kg to 3 decimals', () => {
    expect(forecast.quantiles.p50.slice(0, 2)).toEqual([20.06066131591797, 1.1200000047683716]);
    expect(slice(forecast, '2023-07-01', 2, 'cache', roundFor('quantity'))).toEqual([
      { date: '2023-07-01', mean: 20.061, p10: 3.3, p50: 20.061, p90: 99.9 },
      { date: '2023-07-02', mean: 1.12, p10: 0.1, p50: 1.12, p90: 4.44 },
    ]);
    expect(JSON.stringify(slice(forecast, '2023-07-02', 1, 'cache', roundKg))).toBe(
      '[{"date":"2023-07-02","mean":1.12,"p10":0.1,"p50":1.12,"p90":4.44}]',
    );
  });

  it('rounds prices to 4 decimals and leaves the forecast at full precision', () => {
    expect(roundFor('price')).toBe(roundMoney);
    expect(roundFor('wholesale')).toBe(roundMoney);
    const [p] = slice(forecast, '2023-07-01', 1, 'history', roundMoney);
    expect(p).toEqual({ date: '2023-07-01', mean: 20.0607, p10: 3.3, p50: 20.0607, p90: 99.9 });
    expect(forecast.mean[0]).toBe(20.06066131591797);
  });
});
