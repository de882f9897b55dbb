import request from 'supertest';
import { addDays } from '../../src/data/dates.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { useDemoApp } from '../helpers/demo-app.js';
import { startApp } from '../helpers/test-app.factory.js';

interface Item {
  item_code: string;
  name: string;
  category: string;
  loss_rate: number | null;
  first_sale_date: string | null;
  last_sale_date: string | null;
  days_sold: number;
  forecasts: Record<string, boolean>;
}
interface Page {
  items: Item[];
  total: number;
  next_offset: number | null;
  categories: string[];
}
interface Forecast {
  model_version: string;
  origin: string;
  points: { date: string; p10: number; p50: number; p90: number }[];
}
interface History {
  item_code: string;
  target: string;
  from: string;
  to: string;
  days: { date: string; value: number | null; listed: boolean; holiday: boolean }[];
  forecast: Forecast | null;
  past_forecasts: Forecast[];
}

describe('items API: search, paging, history with forecasts, bad input', () => {
  const { app, http, lastDate } = useDemoApp(
    'items',
    { items: 24, days: 260, start: '2022-01-01', seed: 5, lang: 'en' },
    { forecasting: { defaultModel: 'ets', backtest: { windows: 2, refitEvery: 1 }, horizon: 14 } },
  );
  let served: string[];

  beforeAll(() => {
    served = [...(app().get(ServedModelsService).served('quantity')?.cache.keys() ?? [])];
  });

  it('pages through every item, forecast ones first, with its sales facts and served targets', async () => {
    const first = (await http().get('/items?limit=10').expect(200)).body as Page;
    expect(first.total).toBe(24);
    expect(first.items).toHaveLength(10);
    expect(first.next_offset).toBe(10);
    const middle = (await http().get('/items?offset=10&limit=10').expect(200)).body as Page;
    const last = (await http().get('/items?offset=20&limit=10').expect(200)).body as Page;
    expect(last.items).toHaveLength(4);
    expect(last.next_offset).toBeNull();
    const codes = [...first.items, ...middle.items, ...last.items].map((i) => i.item_code);
    // Some items have too little history for a forecast, and some of those sort before served ones.
    const unserved = codes.filter((c) => !served.includes(c)).sort();
    expect(unserved.length).toBeGreaterThan(0);
    expect(unserved[0] < [...served].sort()[served.length - 1]).toBe(true);
    // The items with a demand forecast first, then the rest (no price-only items here), each by code.
    expect(codes).toEqual([...[...served].sort(), ...unserved]);
    const item = first.items[0];
    expect(item.name).not.toBe('');
    expect(first.categories).toContain(item.category);
    expect(item.days_sold).toBeGreaterThan(0);
    expect(item.first_sale_date! <= item.last_sale_date!).toBe(true);
    expect(item.last_sale_date! <= lastDate()).toBe(true);
    expect(item.forecasts.quantity).toBe(served.includes(item.item_code));
    expect(item.forecasts.wholesale).toBe(false);
  });

  it('finds items by name, code and category, and keeps only forecast ones when asked', async () => {
    const all = (await http().get('/items?limit=200').expect(200)).body as Page;
    const pick = all.items[3];
    const word = pick.name.split(/\s+/)[0].toUpperCase();
    const byName = (await http().get('/items').query({ q: word }).expect(200)).body as Page;
    expect(byName.items.map((i) => i.item_code)).toContain(pick.item_code);
    expect(
      byName.items.every((i) => i.name.toUpperCase().includes(word) || i.item_code.includes(word)),
    ).toBe(true);
    const byCode = (
      await http()
        .get('/items')
        .query({ q: pick.item_code.slice(-6) })
        .expect(200)
    ).body as Page;
    expect(byCode.items.map((i) => i.item_code)).toContain(pick.item_code);
    const byCategory = (
      await http().get('/items').query({ category: pick.category.toLowerCase() }).expect(200)
    ).body as Page;
    expect(byCategory.total).toBe(all.items.filter((i) => i.category === pick.category).length);
    const forecast = (await http().get('/items?forecast=quantity&limit=200').expect(200))
      .body as Page;
    expect(forecast.items.map((i) => i.item_code).sort()).toEqual([...served].sort());
  });

  it("returns an item's history, served forecast and the forecast monitoring logged", async () => {
    const code = served[0];
    const res = await http().get(`/items/${code}/history`).expect(200);
    const h = res.body as History;
    expect(h.target).toBe('quantity');
    expect(h.to).toBe(lastDate());
    expect(h.days).toHaveLength(180);
    expect(h.days[h.days.length - 1].date).toBe(lastDate());
    expect(h.days.some((d) => d.value !== null && d.value > 0)).toBe(true);
    expect(h.forecast?.points[0].date).toBe(addDays(lastDate(), 1));
    expect(h.forecast?.points[0].p10).toBeLessThanOrEqual(h.forecast?.points[0].p90 ?? -1);
    // The cache the server computed at start was logged with origin = the data's last date.
    expect(h.past_forecasts.map((f) => f.origin)).toContain(lastDate());
    const ranged = (
      await http()
        .get(`/items/${code}/history`)
        .query({ target: 'price', from: addDays(lastDate(), -9), to: lastDate() })
        .expect(200)
    ).body as History;
    expect(ranged.days).toHaveLength(10);
    expect(ranged.target).toBe('price');
    // From alone: the 181 days from it, up to the data's last date.
    const from = addDays(lastDate(), -30);
    const fromOnly = (await http().get(`/items/${code}/history`).query({ from }).expect(200))
      .body as History;
    expect({ from: fromOnly.from, to: fromOnly.to }).toEqual({ from, to: lastDate() });
  });

  it.each([
    ['/items?limit=201', 'limit'],
    ['/items?limit=0', 'limit'],
    ['/items?offset=-1', 'offset'],
    ['/items?limit=abc', 'limit'],
    ['/items?forecast=sales', 'forecast'],
    ['/items?q=' + 'x'.repeat(65), 'q'],
    ['/items?colour=red', 'colour'],
  ])('rejects %s with a 400 envelope naming %s', async (url, field) => {
    const res = await http().get(url).expect(400);
    expect(res.body.error).toBe('validation_failed');
    expect(JSON.stringify(res.body.details)).toContain(field);
  });

  it('rejects bad history requests with 4xx envelopes', async () => {
    const code = served[0];
    const bad = async (query: Record<string, string>, field: string): Promise<void> => {
      const res = await http().get(`/items/${code}/history`).query(query).expect(400);
      expect(res.body.error).toBe('validation_failed');
      expect(JSON.stringify(res.body.details)).toContain(field);
    };
    await bad({ from: '2023-02-30' }, 'from');
    await bad({ to: '30/06/2023' }, 'to');
    await bad({ from: '2023-06-01', to: '2023-05-01' }, 'from');
    await bad({ from: '2019-01-01', to: '2023-01-01' }, 'to');
    await bad({ target: 'sales' }, 'target');
    // A from whose default to (180 days on) would run past 9999-12-31: after the data, as any other.
    await bad({ from: '9999-12-31' }, 'from');
    await bad({ from: '9999-07-05' }, 'from');
    const missing = await http().get('/items/no-such-item/history').expect(404);
    expect(missing.body.error).toBe('item_not_found');
  });
});

describe('items API before the data is loaded', () => {
  it('answers 503 with the start-up phase', async () => {
    const app = await startApp({ startup: { enabled: false } });
    try {
      const res = await request(app.getHttpServer()).get('/items').expect(503);
      expect(res.body.error).toBe('data_not_ready');
    } finally {
      await app.close();
    }
  });
});
