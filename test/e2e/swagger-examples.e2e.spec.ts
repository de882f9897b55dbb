import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { startApp } from '../helpers/test-app.factory.js';

interface OpenApiOperation {
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
}
type OpenApi = { paths: Record<string, Record<string, OpenApiOperation>> };

/** Swagger's "Try it out" sends these examples to a fresh `npm start` (the default demo data). */
describe('Swagger examples work against the default demo data', () => {
  let root: string;
  let app: NestFastifyApplication;
  let doc: OpenApi;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-swagger-'));
    app = await startApp({
      startup: { enabled: true },
      // The embedded demo defaults (251 items × 1,095 days from 2020-07-01, seed 42), a fast model;
      // the first start also trains the price targets, so the set-up gets 5 minutes on a loaded machine.
      data: {
        dir: join(root, 'data'),
        demo: { items: 251, days: 1095, start: '2020-07-01', seed: 42, lang: 'en' },
      },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      forecasting: { defaultModel: 'ets', backtest: { windows: 1, refitEvery: 1 } },
    });
    await app.get(FirstStartService).settled();
    await app.get(ServedModelsService).whenLoaded();
    doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body as OpenApi;
  }, 300_000);
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers every POST /predict example with 200', async () => {
    const examples =
      doc.paths['/predict'].post.requestBody?.content['application/json'].examples ?? {};
    expect(Object.keys(examples).sort()).toEqual(['cached', 'onDemand', 'several']);
    for (const [name, ex] of Object.entries(examples)) {
      const res = await request(app.getHttpServer())
        .post('/predict')
        .send(ex.value as object);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
    }
  });

  it('answers the replenishment and forecast examples with 200', async () => {
    await request(app.getHttpServer())
      .post('/replenishment')
      .send({ date: '2023-07-01', item_codes: ['102900065821321'], service_level: 0.9 })
      .expect(200);
    await request(app.getHttpServer()).get('/forecasts/102900065821321?horizon=7').expect(200);
  });

  it('lists the example items with a served forecast and answers their history', async () => {
    const res = await request(app.getHttpServer())
      .get('/items?forecast=quantity&limit=200')
      .expect(200);
    const codes = (res.body as { items: { item_code: string }[] }).items.map((i) => i.item_code);
    expect(codes).toEqual(expect.arrayContaining(['102900065821321', '102900071978515']));
    await request(app.getHttpServer())
      .get('/items/102900065821321/history?from=2023-06-01&to=2023-06-30')
      .expect(200);
  });
});
