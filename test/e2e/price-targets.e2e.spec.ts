import { addDays } from '../../src/data/dates.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { useDemoApp } from '../helpers/demo-app.js';
import { expectLastObserved, type PriceInput } from '../helpers/price-input.js';

interface StartModel {
  id: string;
  kind: string;
  trained: boolean;
  wape: number | null;
  seasonalNaiveWape: number | null;
}

describe('first start gives the price targets prod models, and replenishment uses their forecasts', () => {
  const { app, http, lastDate } = useDemoApp(
    'price-targets',
    { items: 80, days: 300, start: '2022-01-01', seed: 3, lang: 'en' },
    {
      forecasting: {
        defaultModel: 'ets',
        priceModels: ['linear', 'ets'],
        backtest: { windows: 2, refitEvery: 1 },
        horizon: 14,
      },
      // The small demo scores few price series, so their P10–P90 coverage is noisy; this test is
      // about the wiring, the other gates (beat seasonal naive) stay on.
      registry: { gates: { coverageBand: [0.3, 1] } },
    },
  );

  it('trains, registers and promotes a model for every target, each beating seasonal naive', async () => {
    const status = (await http().get('/status').expect(200)).body as {
      phase: string;
      models: Record<string, StartModel>;
      warnings: string[];
    };
    expect(status.phase).toBe('ready');
    expect(status.warnings).toEqual([]);
    expect(Object.keys(status.models).sort()).toEqual(['price', 'quantity', 'wholesale']);
    for (const target of ['price', 'wholesale']) {
      const m = status.models[target];
      expect(m.id).toMatch(new RegExp(`^${target}-(linear|ets)-`));
      expect(m.trained).toBe(true);
      expect(m.wape).toBeLessThan(m.seasonalNaiveWape ?? 0);
      const version = (await http().get(`/leaderboard?target=${target}`).expect(200)).body as {
        rows: { id?: string; model_version?: string; stage?: string }[];
      };
      expect(JSON.stringify(version)).toContain(m.id);
    }
  });

  it("advises orders with the order day's forecast wholesale cost and selling price, naming the models", async () => {
    const served = app().get(ServedModelsService);
    const quantity = served.served('quantity');
    const cost = served.served('wholesale')?.id;
    const sell = served.served('price')?.id;
    if (!quantity || !cost || !sell) throw new Error('a target has no served model');
    const date = addDays(lastDate(), 2);
    const body = (
      await http()
        .post('/replenishment')
        .send({ item_codes: [...quantity.cache.keys()].slice(0, 12), date })
        .expect(200)
    ).body as {
      items: {
        item_code: string;
        inputs?: { unit_cost: PriceInput; unit_price: PriceInput };
        reasoning: string[];
      }[];
    };
    const advised = body.items.filter((i) => i.inputs);
    let forecastInputs = 0;
    for (const item of advised) {
      const inp = item.inputs;
      if (!inp) continue;
      for (const [target, input, id] of [
        ['wholesale', inp.unit_cost, cost],
        ['price', inp.unit_price, sell],
      ] as const) {
        const res = await http().get(`/forecasts/${item.item_code}?target=${target}`);
        if (res.status === 404) {
          // The price model does not forecast this item (too little history): the last observed value.
          expectLastObserved(input, lastDate());
          continue;
        }
        const mean = (res.body as { forecast: { date: string; mean: number }[] }).forecast.find(
          (p) => p.date === date,
        )?.mean;
        expect(input).toEqual({
          value: expect.closeTo(mean ?? NaN, 3) as number,
          date,
          source: 'forecast',
          model_version: id,
        });
        forecastInputs++;
      }
      if ([inp.unit_cost, inp.unit_price].some((i) => i.source === 'forecast'))
        expect(item.reasoning.join(' ')).toMatch(/RMB\/kg forecast for \d{4}-\d{2}-\d{2} by model/);
    }
    expect(forecastInputs).toBeGreaterThan(0);
  });
});
