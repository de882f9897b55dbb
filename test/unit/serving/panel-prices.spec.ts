import { buildOnDemandPanel } from '../../../src/serving/on-demand-panel.js';
import type { Forecast } from '../../../src/forecasting/forecast.types.js';
import { createForecaster } from '../../../src/forecasting/forecaster.registry.js';
import { lastObserved, priceInput } from '../../../src/serving/panel-prices.js';
import { ServedModel } from '../../../src/serving/served-model.js';

describe('lastObserved', () => {
  it('finds the last non-NaN value of a column for a series, with its date', () => {
    const panel = buildOnDemandPanel(
      ['a', 'b'],
      [
        [
          { date: '2023-01-01', value: 3 },
          { date: '2023-01-02', value: 4 },
        ],
        [{ date: '2023-01-03', value: 7 }],
      ],
      'wholesale',
    );
    expect(lastObserved(panel, 'wholesale', 0)).toEqual({ value: 4, date: '2023-01-02' });
    expect(lastObserved(panel, 'wholesale', 1)).toEqual({ value: 7, date: '2023-01-03' });
    expect(lastObserved(panel, 'price', 0)).toBeNull();
  });
});

describe('priceInput', () => {
  const panel = buildOnDemandPanel(
    ['a', 'b'],
    [
      [
        { date: '2023-01-01', value: 3 },
        { date: '2023-01-02', value: 4 },
      ],
      [{ date: '2023-01-02', value: 7 }],
    ],
    'wholesale',
  );
  async function priceModel(forecasts: Forecast[]): Promise<ServedModel> {
    return new ServedModel(
      'wholesale-ets-1',
      'wholesale',
      2,
      await createForecaster('seasonal-naive'),
      new Map(forecasts.map((f) => [f.seriesId, f])),
      'now',
      'fp',
      'computed',
    );
  }
  const forecast = (seriesId: string, mean: number[]): Forecast => ({
    seriesId,
    dates: ['2023-01-03', '2023-01-04'],
    mean,
    quantiles: { p10: mean, p50: mean, p90: mean },
  });

  it("takes the served model's forecast mean of the order day, naming the model", async () => {
    const model = await priceModel([forecast('a', [4.5, 4.75])]);
    expect(priceInput(panel, 'wholesale', 0, '2023-01-04', model)).toEqual({
      value: 4.75,
      date: '2023-01-04',
      source: 'forecast',
      model_version: 'wholesale-ets-1',
    });
    model.retire();
  });

  it('falls back to the last observed value without a model, an item or a day it forecasts, or an unusable value', async () => {
    const model = await priceModel([forecast('a', [0, Number.NaN])]);
    const observedA = { value: 4, date: '2023-01-02', source: 'last_observed' };
    expect(priceInput(panel, 'wholesale', 0, '2023-01-03', null)).toEqual(observedA);
    expect(priceInput(panel, 'wholesale', 0, '2023-01-03', model)).toEqual(observedA);
    expect(priceInput(panel, 'wholesale', 0, '2023-01-04', model)).toEqual(observedA);
    expect(priceInput(panel, 'wholesale', 0, '2023-01-09', model)).toEqual(observedA);
    expect(priceInput(panel, 'wholesale', 1, '2023-01-03', model)).toEqual({
      value: 7,
      date: '2023-01-02',
      source: 'last_observed',
    });
    expect(priceInput(panel, 'price', 1, '2023-01-03', null)).toBeNull();
    model.retire();
  });
});
