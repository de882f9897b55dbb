import { addDays } from '../../../src/data/dates.js';
import { createForecaster } from '../../../src/forecasting/forecaster.registry.js';
import { buildOnDemandPanel, type HistoryPoint } from '../../../src/serving/on-demand-panel.js';
import { OnDemandRunner } from '../../../src/serving/on-demand.runner.js';
import { ServedModel } from '../../../src/serving/served-model.js';

function weekly(days: number, end: string, level: number): HistoryPoint[] {
  return Array.from({ length: days }, (_, i) => ({
    date: addDays(end, i - days + 1),
    value: level + (i % 7),
  }));
}

describe('OnDemandRunner', () => {
  let model: ServedModel;

  beforeAll(async () => {
    const forecaster = await createForecaster('seasonal-naive');
    const train = buildOnDemandPanel(['s1'], [weekly(60, '2023-01-31', 10)], 'quantity');
    await forecaster.fit(train, { target: 'quantity', horizon: 7 });
    model = new ServedModel('m', 'quantity', 7, forecaster, new Map(), 'now', 'fp', 'computed');
  });
  afterAll(() => model.retire());

  it('makes one model call per last date and gives every item its own forecast', async () => {
    const calls: number[] = [];
    const runner = new OnDemandRunner(() => calls.push(1));
    const results = await runner.run([
      { model, seriesId: 'x', history: weekly(30, '2023-03-31', 10) },
      { model, seriesId: 'x', history: weekly(40, '2023-03-31', 50) },
      { model, seriesId: 'y', history: weekly(30, '2023-04-10', 100) },
    ]);
    expect(runner.requests).toBe(3);
    expect(runner.modelCalls).toBe(2);
    expect(calls).toHaveLength(2);
    const values = results.map((r) => {
      if (!r.ok) throw r.error;
      return r.value;
    });
    expect(values.map((f) => f.seriesId)).toEqual(['x', 'x', 'y']);
    expect(values[0].dates[0]).toBe('2023-04-01');
    expect(values[2].dates[0]).toBe('2023-04-11');
    // Seasonal naive repeats the last week: each series keeps its own level.
    expect(values[0].quantiles.p50[0]).toBeLessThan(20);
    expect(values[1].quantiles.p50[0]).toBeGreaterThanOrEqual(50);
    expect(values[2].quantiles.p50[0]).toBeGreaterThanOrEqual(100);
  });

  it('answers a history the model cannot use with a 400 history error', async () => {
    const runner = new OnDemandRunner();
    const [r] = await runner.run([{ model, seriesId: 'z', history: weekly(2, '2023-03-31', 1) }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ status: 400, code: 'invalid_history' });
  });
});
