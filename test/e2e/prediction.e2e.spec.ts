// Over 400 lines on purpose: every case of the first suite reads the one app its beforeAll boots, which
// generates the demo data, trains, backtests and registers a model first; a split would do that again.
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays } from '../../src/data/dates.js';
import { ModelRegistryService } from '../../src/registry/model-registry.service.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { ServingStatusService } from '../../src/serving/serving-status.service.js';
import { adviseOrder } from '../../src/serving/replenishment.js';
import { DatasetService } from '../../src/data/dataset.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../../src/storage/artifact-store.js';
import { registerTrainedModel } from '../../src/training/model-registration.js';
import { truncatePanel } from '../../src/evaluation/panel-truncation.js';
import { panelFingerprint } from '../../src/data/data-fingerprint.js';
import { trainModel } from '../../src/training/model-trainer.js';
import { useDemoApp } from '../helpers/demo-app.js';
import { expectLastObserved, type PriceInput } from '../helpers/price-input.js';
import { startApp } from '../helpers/test-app.factory.js';

interface Point {
  date: string;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}
interface Prediction {
  item_code: string;
  target: string;
  model_version: string;
  forecast: Point[];
  cached: boolean;
  features_used: string[];
  request_id: string;
  processing_time_ms: number;
}

function history(days: number, end: string, base = 10): { date: string; value: number }[] {
  return Array.from({ length: days }, (_, i) => ({
    date: addDays(end, i - days + 1),
    value: base + (i % 7 === 5 ? 6 : 0) + (i % 3),
  }));
}

interface StatusBody {
  models: Partial<Record<string, { id: string }>>;
  serving: {
    models: Partial<
      Record<
        string,
        {
          id: string;
          trainingDataFingerprint: string | null;
          dataFingerprint: string;
          dataWarning: string | null;
        }
      >
    >;
  };
  warnings: string[];
}

describe('prediction API: cached and on-demand forecasts, replenishment, metrics', () => {
  // Two backtest windows: with one, the tiny demo's P10–P90 coverage misses the prod gate.
  const { app, http, lastDate, restart } = useDemoApp(
    'predict',
    { items: 24, days: 260, start: '2022-01-01', seed: 5, lang: 'en' },
    { forecasting: { defaultModel: 'ets', backtest: { windows: 2, refitEvery: 1 }, horizon: 14 } },
  );
  let items: string[];

  beforeAll(() => {
    const model = app().get(ServedModelsService).served('quantity');
    if (!model) throw new Error('no quantity model served');
    items = [...model.cache.keys()];
  });

  it('serves a cached forecast from the day after the last data date', async () => {
    const res = await http().post('/predict').send({ item_code: items[0], horizon: 7 }).expect(200);
    const body = res.body as Prediction;
    expect(body.cached).toBe(true);
    expect(body.item_code).toBe(items[0]);
    expect(body.target).toBe('quantity');
    expect(body.model_version).toMatch(/^quantity-ets-/);
    expect(body.forecast).toHaveLength(7);
    expect(body.forecast[0].date).toBe(addDays(lastDate(), 1));
    for (const p of body.forecast) {
      expect(p.p10).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p90);
      expect(p.p10).toBeGreaterThanOrEqual(0);
    }
    expect(typeof body.request_id).toBe('string');
    expect(body.features_used.length).toBeGreaterThan(0);
  });

  it('says what to do, not to retry, when a target has no prod model after the start', async () => {
    // The test config trains no price models, so wholesale has none once the start is over.
    const res = await http()
      .post('/predict')
      .send({ item_code: items[0], target: 'wholesale' })
      .expect(503);
    expect(res.body).toMatchObject({
      error: 'model_not_ready',
      details: { target: 'wholesale', phase: 'ready' },
    });
    const message = (res.body as { message: string }).message;
    expect(message).toContain('no wholesale model is in prod');
    expect(message).toContain('POST /admin/retrain');
    expect(message).not.toMatch(/retry shortly/);
  });

  it('slices the cache from a later date and matches GET /forecasts/:item_code', async () => {
    const date = addDays(lastDate(), 3);
    const later = (
      await http().post('/predict').send({ item_code: items[1], date, horizon: 4 }).expect(200)
    ).body as Prediction;
    const full = (await http().get(`/forecasts/${items[1]}?horizon=14`).expect(200))
      .body as Prediction;
    expect(full.forecast).toHaveLength(14);
    expect(later.forecast).toEqual(full.forecast.slice(2, 6));
  });

  it('answers several items at once', async () => {
    const res = await http()
      .post('/predict')
      .send({ item_codes: items.slice(0, 3), horizon: 2 })
      .expect(200);
    const body = res.body as { results: Prediction[] };
    expect(body.results.map((r) => r.item_code)).toEqual(items.slice(0, 3));
    expect(body.results.every((r) => r.cached && r.forecast.length === 2)).toBe(true);
  });

  it('persists the cache under forecasts/<target>/<modelId>.json', async () => {
    const id = app().get(ServedModelsService).served('quantity')?.id ?? '';
    const store = app().get<ArtifactStore>(ARTIFACT_STORE);
    expect(await store.exists(`forecasts/quantity/${id}.json`)).toBe(true);
  });

  it('runs the model on demand for a history and merges concurrent requests', async () => {
    const service = app().get(ServingStatusService);
    const before = service.status().onDemand;
    const bodies = Array.from({ length: 6 }, (_, i) => ({
      item_code: `new-item-${i}`,
      history: history(60, '2023-03-31', 10 + i),
      horizon: 5,
    }));
    const responses = await Promise.all(
      bodies.map((b) => http().post('/predict').send(b).expect(200)),
    );
    const after = service.status().onDemand;
    expect(after.requests - before.requests).toBe(6);
    expect(after.modelCalls - before.modelCalls).toBeLessThan(6);
    responses.forEach((res, i) => {
      const body = res.body as Prediction;
      expect(body.cached).toBe(false);
      expect(body.item_code).toBe(`new-item-${i}`);
      expect(body.forecast[0].date).toBe('2023-04-01');
      expect(body.forecast).toHaveLength(5);
    });
    // A higher level gives a higher forecast: each request got its own series back.
    const first = (responses[0].body as Prediction).forecast[0].p50;
    const last = (responses[5].body as Prediction).forecast[0].p50;
    expect(last).toBeGreaterThan(first);
  });

  it('advises an order consistent with adviseOrder for one item', async () => {
    const panel = app().get(DatasetService).panel;
    if (!panel) throw new Error('no panel');
    const res = await http()
      .post('/replenishment')
      .send({ item_codes: items.slice(0, 2) })
      .expect(200);
    const body = res.body as {
      date: string;
      items: {
        item_code: string;
        order_kg: number | null;
        reason?: string;
        inputs?: {
          demand_p10: number;
          demand_p50: number;
          demand_p90: number;
          loss_rate: number;
          unit_cost: PriceInput;
          unit_price: PriceInput;
        };
        reasoning: string[];
      }[];
    };
    expect(body.date).toBe(addDays(lastDate(), 1));
    const advised = body.items.find((i) => i.order_kg !== null);
    if (!advised?.inputs) throw new Error(`no advice: ${JSON.stringify(body.items)}`);
    const inp = advised.inputs;
    const forecast = (await http().get(`/forecasts/${advised.item_code}`).expect(200))
      .body as Prediction;
    expect(inp.demand_p50).toBe(forecast.forecast[0].p50);
    // Rounded at the edge: kg to 3 decimals, RMB to 4 (the panel and the forecasts are float32).
    const decimals = (x: number): number => (String(x).split('.')[1] ?? '').length;
    for (const p of forecast.forecast)
      expect(Math.max(...[p.mean, p.p10, p.p50, p.p90].map(decimals))).toBeLessThanOrEqual(3);
    expect(
      Math.max(...[inp.demand_p10, inp.demand_p50, inp.demand_p90].map(decimals)),
    ).toBeLessThanOrEqual(3);
    expect(
      Math.max(decimals(inp.unit_cost.value), decimals(inp.unit_price.value)),
    ).toBeLessThanOrEqual(4);
    const expected = adviseOrder({
      demand: { p10: inp.demand_p10, p50: inp.demand_p50, p90: inp.demand_p90 },
      lossRate: inp.loss_rate,
      unitCost: inp.unit_cost.value,
      unitPrice: inp.unit_price.value,
    });
    expect(advised.order_kg).toBe(expected.orderKg);
    // No price model serves here (config/test.yaml trains none): the last observed prices.
    for (const input of [inp.unit_cost, inp.unit_price]) {
      expectLastObserved(input, lastDate());
      expect(input).not.toHaveProperty('model_version');
    }
    expect(advised.reasoning.join(' ')).toContain('last observed on');
    expect(advised.reasoning.join(' ')).toContain('critical ratio');
  });

  it('pages through every forecast item in item-code order, with total_items and next_offset', async () => {
    interface Page {
      items: { item_code: string }[];
      total_items: number;
      next_offset: number | null;
    }
    const sorted = [...items].sort();
    expect(sorted.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null && pages < 10) {
      const page = (await http().post('/replenishment').send({ offset, limit: 10 }).expect(200))
        .body as Page;
      expect(page.total_items).toBe(sorted.length);
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items.map((i) => i.item_code));
      offset = page.next_offset;
      pages++;
    }
    expect(seen).toEqual(sorted);
    expect(pages).toBe(Math.ceil(sorted.length / 10));
    // No paging asked: the first serving.maxItems (100) items, here all of them.
    const first = (await http().post('/replenishment').send({}).expect(200)).body as Page;
    expect(first.items.map((i) => i.item_code)).toEqual(sorted);
    expect(first.next_offset).toBeNull();
    const past = (
      await http()
        .post('/replenishment')
        .send({ offset: sorted.length + 5 })
        .expect(200)
    ).body as Page;
    expect(past).toMatchObject({ items: [], total_items: sorted.length, next_offset: null });
    const chosen = (
      await http()
        .post('/replenishment')
        .send({ item_codes: [sorted[3], sorted[1]] })
        .expect(200)
    ).body as Page;
    expect(chosen.items.map((i) => i.item_code)).toEqual([sorted[3], sorted[1]]);
    expect(chosen).toMatchObject({ total_items: 2, next_offset: null });
  });

  it('refuses offset or limit next to item_codes, and a negative or fractional offset', async () => {
    const both = await http()
      .post('/replenishment')
      .send({ item_codes: [items[0]], offset: 10 })
      .expect(400);
    expect(both.body.details).toEqual([
      {
        field: 'offset',
        message:
          'offset and limit page through every forecast item; leave them out when sending item_codes',
      },
    ]);
    await http()
      .post('/replenishment')
      .send({ item_codes: [items[0]], limit: 5 })
      .expect(400);
    await http().post('/replenishment').send({ offset: -1 }).expect(400);
    await http().post('/replenishment').send({ offset: 1.5 }).expect(400);
    await http().post('/replenishment').send({ limit: 0 }).expect(400);
  });

  it('lists an item without data with a reason instead of failing', async () => {
    const res = await http()
      .post('/replenishment')
      .send({ item_codes: [items[0], 'no-such-item'] })
      .expect(200);
    const body = res.body as { items: { item_code: string; order_kg: null; reason: string }[] };
    expect(body.items[1]).toMatchObject({ item_code: 'no-such-item', order_kg: null });
    expect(body.items[1].reason).toMatch(/no demand forecast/);
  });

  it('rejects bad input with 4xx envelopes', async () => {
    const unknown = await http().post('/predict').send({ item_code: 'nope' }).expect(404);
    expect(unknown.body).toMatchObject({ error: 'item_not_found' });
    await http().get('/forecasts/nope').expect(404);
    await http().get(`/forecasts/${items[0]}?horizon=0`).expect(400);
    await http()
      .post('/replenishment')
      .send({ date: addDays(lastDate(), 100) })
      .expect(400);
    await http().post('/replenishment').send({ service_level: 1.5 }).expect(400);
    await http().post('/predict').send({ item_code: items[0], horizon: 0 }).expect(400);
    await http().post('/predict').send({ item_code: items[0], horizon: 10000 }).expect(400);
    const tooLong = await http().post('/predict').send({ item_code: items[0], horizon: 20 });
    expect(tooLong.status).toBe(400);
    expect((tooLong.body as { message: string }).message).toMatch(/between 1 and 14/);
    const far = await http()
      .post('/predict')
      .send({ item_code: items[0], date: addDays(lastDate(), 200) })
      .expect(400);
    expect((far.body as { message: string }).message).toMatch(/outside the forecast cache/);
    const h = history(60, '2023-03-31');
    const bad = (value: unknown): unknown[] => h.map((p, i) => (i === 10 ? { ...p, value } : p));
    for (const value of [-1, null, 1e12, 'x', true, '5']) {
      const res = await http()
        .post('/predict')
        .send({ item_code: 'x', history: bad(value) })
        .expect(400);
      const details = (res.body as { details: { field: string }[] }).details;
      expect(details.some((d) => d.field.startsWith('history.10.value'))).toBe(true);
    }
    // A value that is not a number is told so first (it read "must not be greater than 10000000").
    for (const value of [null, true, '5']) {
      const res = await http()
        .post('/predict')
        .send({ item_code: 'x', history: bad(value) })
        .expect(400);
      const body = res.body as { message: string; details: { field: string; message: string }[] };
      expect({ value, first: body.details[0] }).toEqual({
        value,
        first: { field: 'history.10.value', message: 'value must be a finite number' },
      });
      expect(body.message).toMatch(
        /^Request validation failed: history\.10\.value: value must be a finite number/,
      );
    }
    const short = await http()
      .post('/predict')
      .send({ item_code: 'x', history: history(5, '2023-03-31') })
      .expect(400);
    expect((short.body as { details: { field: string }[] }).details[0].field).toBe('history');
    // A forecast that would run past 9999-12-31 has no dates to answer with ('+010000-01' before).
    const late = await http()
      .post('/predict')
      .send({ item_code: 'x', history: history(60, '9999-12-30') })
      .expect(400);
    expect(late.body).toMatchObject({
      error: 'invalid_history',
      details: [{ field: 'history.59.date', message: expect.stringMatching(/past 9999-12-31/) }],
    });
    await http()
      .post('/predict')
      .set('content-type', 'application/json')
      .send('{"item_code": ')
      .expect(400);
    await http().post('/predict').send({ item_code: items[0], extra: 1 }).expect(400);
    await http().post('/predict').send({}).expect(400);
  });

  it('counts /predict requests in /metrics', async () => {
    const res = await http().get('/metrics').expect(200);
    expect(res.text).toMatch(
      /freshcast_http_requests_total\{method="POST",route="\/predict",status="200"\} \d+/,
    );
    expect(res.text).toMatch(/freshcast_forecast_cache_hits_total\{target="quantity"\} \d+/);
    expect(res.text).toContain('freshcast_predictions_total');
  });

  it('swaps to a newly promoted model during a stream of requests without failures', async () => {
    const service = app().get(ServedModelsService);
    const old = service.served('quantity');
    if (!old) throw new Error('no model');
    const panel = app().get(DatasetService).panel;
    if (!panel) throw new Error('no panel');
    const registry = app().get(ModelRegistryService);
    const outcome = await trainModel({
      panel,
      target: 'quantity',
      kind: 'seasonal-naive',
      horizon: 14,
      backtest: false,
    });
    const { version } = await registerTrainedModel(registry, outcome, { actor: 'test' });
    outcome.forecaster.dispose();

    const stream = Array.from({ length: 100 }, (_, i) =>
      http()
        .post('/predict')
        .send({ item_code: items[i % items.length], horizon: 3 }),
    );
    const promoting = registry
      .promote(version.id, { actor: 'test', reason: 'swap test', force: true })
      .then(() => service.idle());
    const [responses] = await Promise.all([Promise.all(stream), promoting]);
    expect(responses.filter((r) => r.status !== 200)).toHaveLength(0);
    const res = await http().post('/predict').send({ item_code: items[0] }).expect(200);
    expect((res.body as Prediction).model_version).toBe(version.id);
    expect(old.isDisposed).toBe(true);
    // /status names the model served now, at the top as under serving; same data, no warning.
    const status = (await http().get('/status').expect(200)).body as StatusBody;
    expect(status.models.quantity?.id).toBe(version.id);
    expect(status.serving.models.quantity?.id).toBe(version.id);
    expect(status.serving.models.quantity?.dataWarning).toBeNull();
    expect(status.warnings).toEqual([]);
  });

  it('is warm after a restart: the saved cache of the prod model is loaded, not recomputed', async () => {
    const id = app().get(ServedModelsService).served('quantity')?.id;
    await restart();
    await app().get(FirstStartService).settled();
    await app().get(ServedModelsService).whenLoaded();
    const status = app().get(ServingStatusService).status();
    expect(status.phase).toBe('ready');
    expect(status.models.quantity).toMatchObject({ id, cacheSource: 'store' });
    const res = await http().post('/predict').send({ item_code: items[0] }).expect(200);
    expect((res.body as Prediction).model_version).toBe(id);
  });

  it('warns in /status and /metrics when the served model was trained on other data', async () => {
    const panel = app().get(DatasetService).panel;
    if (!panel) throw new Error('no panel');
    const registry = app().get(ModelRegistryService);
    const older = truncatePanel(panel, panel.dates.length - 31);
    const outcome = await trainModel({
      panel: older,
      target: 'quantity',
      kind: 'seasonal-naive',
      horizon: 14,
      backtest: false,
    });
    const { version } = await registerTrainedModel(registry, outcome, { actor: 'test' });
    outcome.forecaster.dispose();
    await registry.promote(version.id, { actor: 'test', reason: 'old data', force: true });
    await app().get(ServedModelsService).idle();
    const status = (await http().get('/status').expect(200)).body as StatusBody;
    const served = status.serving.models.quantity;
    expect(served?.id).toBe(version.id);
    expect(served?.trainingDataFingerprint).toBe(panelFingerprint(older, 'quantity'));
    expect(served?.dataFingerprint).toBe(panelFingerprint(panel, 'quantity'));
    expect(served?.dataWarning).toContain(version.id);
    expect(status.warnings).toEqual([served?.dataWarning]);
    const metrics = (await http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/freshcast_served_model_data_mismatch\{target="quantity"\} 1/);
  });
});

describe('prediction API before any model is loaded', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 503 with a message saying the model is training or loading', async () => {
    const res = await request(app.getHttpServer())
      .post('/predict')
      .send({ item_code: 'a' })
      .expect(503);
    expect(res.body).toMatchObject({ error: 'model_not_ready' });
    expect((res.body as { message: string }).message).toMatch(/training or loading/);
    await request(app.getHttpServer()).post('/replenishment').send({}).expect(503);
  });
});
