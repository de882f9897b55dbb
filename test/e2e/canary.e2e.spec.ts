import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays } from '../../src/data/dates.js';
import { ModelRegistryService } from '../../src/registry/model-registry.service.js';
import { routesToCanary } from '../../src/serving/canary-router.js';
import { CandidateRouterService } from '../../src/serving/candidate-router.service.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { DatasetService } from '../../src/data/dataset.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { registerTrainedModel } from '../../src/training/model-registration.js';
import { trainModel } from '../../src/training/model-trainer.js';
import { startApp } from '../helpers/test-app.factory.js';

const KEY = 'canary-admin-key';

interface Answer {
  model_version: string;
  served_by: string;
}

describe('canary and shadow candidates next to the prod model', () => {
  let root: string;
  let app: NestFastifyApplication;
  let http: ReturnType<typeof request>;
  let prodId: string;
  let candidateId: string;
  let items: string[];
  let lastDate: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-canary-'));
    app = await startApp({
      startup: { enabled: true },
      auth: { adminApiKey: KEY },
      data: {
        dir: join(root, 'data'),
        demo: { items: 40, days: 260, start: '2022-01-01', seed: 9, lang: 'en' },
      },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      forecasting: { defaultModel: 'ets', backtest: { windows: 2, refitEvery: 1 }, horizon: 14 },
    });
    await app.get(FirstStartService).settled();
    const serving = app.get(ServedModelsService);
    await serving.whenLoaded();
    const prod = serving.served('quantity');
    const panel = app.get(DatasetService).panel;
    if (!prod || !panel) throw new Error('nothing served');
    prodId = prod.id;
    items = [...prod.cache.keys()];
    lastDate = panel.dates[panel.dates.length - 1];
    const outcome = await trainModel({
      panel,
      target: 'quantity',
      kind: 'moving-average',
      horizon: 14,
      backtest: false,
    });
    const { version } = await registerTrainedModel(app.get(ModelRegistryService), outcome, {
      actor: 'test',
    });
    outcome.forecaster.dispose();
    candidateId = version.id;
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  const ask = async (item: string): Promise<Answer> =>
    (await http.post('/predict').send({ item_code: item, horizon: 7 }).expect(200)).body as Answer;

  it('needs the admin key and a model of the target that is not prod', async () => {
    await http
      .put('/serving/candidate')
      .send({ model_id: candidateId, mode: 'canary', share: 0.5 })
      .expect(401);
    const put = (body: object) => http.put('/serving/candidate').set('x-api-key', KEY).send(body);
    expect((await put({ model_id: prodId, mode: 'canary' })).status).toBe(409);
    expect(
      (await put({ model_id: 'quantity-ets-20200101T000000Z-abcdef', mode: 'canary' })).status,
    ).toBe(404);
    expect((await put({ model_id: candidateId, mode: 'canary', share: 2 })).status).toBe(400);
    expect((await put({ model_id: '../../etc', mode: 'canary' })).status).toBe(400);
  });

  it('routes a sticky share of items to the canary and says which model answered', async () => {
    await http
      .put('/serving/candidate')
      .set('x-api-key', KEY)
      .send({ model_id: candidateId, mode: 'canary', share: 0.5 })
      .expect(200);
    const answers = await Promise.all(items.map(ask));
    const canaryItems = items.filter((_, i) => answers[i].served_by === 'canary');
    // Exactly the items the sticky hash routes there (the function's share is checked over 5,000 items in its unit test).
    expect(canaryItems).toEqual(items.filter((it) => routesToCanary(candidateId, it, 0.5)));
    expect(canaryItems.length).toBeGreaterThan(0);
    expect(canaryItems.length).toBeLessThan(items.length);
    for (const a of answers)
      expect(a.model_version).toBe(a.served_by === 'canary' ? candidateId : prodId);
    // Sticky: the same item gets the same model again.
    for (const item of items.slice(0, 5))
      expect((await ask(item)).served_by).toBe(answers[items.indexOf(item)].served_by);
    // On-demand requests are routed the same way.
    const hist = Array.from({ length: 60 }, (_, i) => ({
      date: addDays(lastDate, i - 59),
      value: 5 + (i % 7),
    }));
    const od = (
      await http
        .post('/predict')
        .send({ item_code: canaryItems[0], history: hist, horizon: 3 })
        .expect(200)
    ).body as Answer;
    expect(od.model_version).toBe(candidateId);
    const status = (await http.get('/status').expect(200)).body as {
      serving: { candidates: Record<string, { model_version: string; share: number }> };
    };
    expect(status.serving.candidates.quantity).toMatchObject({
      model_version: candidateId,
      share: 0.5,
    });
  });

  it('shadow mode computes the candidate without returning it, visible in the metrics', async () => {
    await http
      .put('/serving/candidate')
      .set('x-api-key', KEY)
      .send({ model_id: candidateId, mode: 'shadow' })
      .expect(200);
    const answers = await Promise.all(items.map(ask));
    for (const a of answers) {
      expect(a.model_version).toBe(prodId);
      expect(a.served_by).toBe('prod');
    }
    const metrics = (await http.get('/metrics').expect(200)).text;
    const line = metrics
      .split('\n')
      // Per target: model versions (unbounded over time) stay off per-request counters.
      .find((l) => l.startsWith('freshcast_shadow_predictions_total{target="quantity"}'));
    expect(Number(line?.split(' ').at(-1))).toBeGreaterThanOrEqual(items.length);
  });

  it('stops on DELETE, and promotion of the candidate ends it', async () => {
    expect(
      (await http.delete('/serving/candidate/quantity').set('x-api-key', KEY).expect(200)).body,
    ).toEqual({ removed: true });
    expect(
      (await http.delete('/serving/candidate/quantity').set('x-api-key', KEY).expect(200)).body,
    ).toEqual({ removed: false });
    await http
      .put('/serving/candidate')
      .set('x-api-key', KEY)
      .send({ model_id: candidateId, mode: 'canary', share: 0.3 })
      .expect(200);
    await app.get(ModelRegistryService).promote(candidateId, {
      actor: 'test',
      stage: 'prod',
      force: true,
      reason: 'canary looked good',
    });
    await app.get(ServedModelsService).idle();
    expect(app.get(CandidateRouterService).candidate('quantity')).toBeNull();
    for (const item of items.slice(0, 5)) {
      const a = await ask(item);
      expect(a.model_version).toBe(candidateId);
      expect(a.served_by).toBe('prod');
    }
  });
});
