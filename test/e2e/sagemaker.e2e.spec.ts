import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { saveModelDir } from '../../src/forecasting/io/model-dir.js';
import { createForecaster } from '../../src/forecasting/forecaster.registry.js';
import { SageMakerModelService } from '../../src/sagemaker/sagemaker-model.service.js';
import { nextRequestArrives, openRawConnection, untilNotListening } from '../helpers/raw-http.js';
import { startApp } from '../helpers/test-app.factory.js';
import { syntheticPanel } from '../helpers/synthetic-panel.js';

interface DeepArPrediction {
  mean: number[];
  quantiles: Record<string, number[]>;
}

const HORIZON = 14;

function weekly(days: number, base: number): (number | null)[] {
  return Array.from({ length: days }, (_, i) => base + (i % 7 === 5 ? 6 : 0) + (i % 3));
}

/** A SageMaker-mode app serving a seasonal-naive model fitted on `series` synthetic series, loaded. */
async function startSageMakerApp(
  root: string,
  series: number,
  days: number,
): Promise<NestFastifyApplication> {
  const modelDir = join(root, 'model');
  const forecaster = await createForecaster('seasonal-naive');
  await forecaster.fit(syntheticPanel({ series, days }), { target: 'quantity', horizon: HORIZON });
  await saveModelDir(modelDir, forecaster, { kind: forecaster.kind, horizon: HORIZON });
  forecaster.dispose();
  const app = await startApp({
    sagemaker: { enabled: true, modelDir },
    data: { dir: join(root, 'data') },
    storage: { driver: 'disk', disk: { root: join(root, 'models') } },
  });
  await app.get(SageMakerModelService).whenLoaded();
  return app;
}

function expectOrdered(p: DeepArPrediction, length: number): void {
  expect(p.mean).toHaveLength(length);
  for (const key of ['0.1', '0.5', '0.9']) expect(p.quantiles[key]).toHaveLength(length);
  for (let t = 0; t < length; t++) {
    expect(p.quantiles['0.1'][t]).toBeLessThanOrEqual(p.quantiles['0.5'][t]);
    expect(p.quantiles['0.5'][t]).toBeLessThanOrEqual(p.quantiles['0.9'][t]);
    expect(Number.isFinite(p.mean[t])).toBe(true);
  }
  // Rounded at the edge to grams (the model's target is quantity): no float32 noise on the wire.
  for (const v of [...p.mean, ...Object.values(p.quantiles).flat()])
    expect(Math.round(v * 1e3) / 1e3).toBe(v);
}

describe('SageMaker container contract (e2e)', () => {
  let root: string;
  let app: NestFastifyApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-sagemaker-'));
    app = await startSageMakerApp(root, 4, 120);
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers GET /ping with 200 once the model is loaded', async () => {
    const res = await http.get('/ping').expect(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  it('forecasts two instances in the DeepAR response shape', async () => {
    const target = weekly(60, 10);
    target[20] = null;
    const res = await http
      .post('/invocations')
      .send({
        instances: [
          { start: '2024-01-01 00:00:00', target },
          { start: '2024-02-10', target: weekly(45, 30) },
        ],
        configuration: { quantiles: ['0.1', '0.5', '0.9'] },
      })
      .expect(200);
    const body = res.body as { predictions: DeepArPrediction[] };
    expect(body.predictions).toHaveLength(2);
    for (const p of body.predictions) expectOrdered(p, HORIZON);
    expect(Object.keys(body.predictions[0].quantiles).sort()).toEqual(['0.1', '0.5', '0.9']);
    // the second series sells about 20 more a day: its forecast says so
    expect(body.predictions[1].mean[0]).toBeGreaterThan(body.predictions[0].mean[0] + 10);
  });

  it('honours prediction_length and answers only the requested quantiles', async () => {
    const res = await http
      .post('/invocations')
      .send({
        instances: [{ start: '2024-01-01T00:00:00Z', target: weekly(40, 10) }],
        configuration: { quantiles: ['0.5'], prediction_length: 5 },
      })
      .expect(200);
    const [p] = (res.body as { predictions: DeepArPrediction[] }).predictions;
    expect(p.mean).toHaveLength(5);
    expect(Object.keys(p.quantiles)).toEqual(['0.5']);
    expect(p.quantiles['0.5']).toHaveLength(5);
  });

  it.each([
    ['no instances', { instances: [] }, 'instances'],
    ['a bad start', { instances: [{ start: 'yesterday', target: [1, 2] }] }, 'instances.0.start'],
    [
      'a non-numeric target',
      { instances: [{ start: '2024-01-01', target: [1, 'x'] }] },
      'instances.0.target.1',
    ],
    [
      'an unsupported quantile',
      {
        instances: [{ start: '2024-01-01', target: weekly(30, 5) }],
        configuration: { quantiles: ['0.1', '0.95'] },
      },
      'configuration.quantiles.1',
    ],
    [
      'a prediction_length over the horizon',
      {
        instances: [{ start: '2024-01-01', target: weekly(30, 5) }],
        configuration: { prediction_length: HORIZON + 1 },
      },
      'configuration.prediction_length',
    ],
    ['a body that is not an object', [1, 2, 3], ''],
    // Past float32's range a value became infinite, answered as forecasts of 0 and null.
    [
      'a value past serving.maxHistoryValue',
      { instances: [{ start: '2024-01-01', target: [...weekly(29, 5), 1e308] }] },
      'instances.0.target.29',
    ],
    // Past 9999-12-31 a date has no YYYY-MM-DD form: the series made a panel without dates (a 500).
    [
      'a series that runs past 9999-12-31',
      { instances: [{ start: '9999-12-20', target: weekly(30, 5) }] },
      'instances.0.target',
    ],
    [
      'a forecast that would run past 9999-12-31',
      { instances: [{ start: '9999-11-20', target: weekly(30, 5) }] },
      'instances.0.target',
    ],
  ])('answers %s with a 400 envelope', async (_name, body, field) => {
    const res = await http.post('/invocations').send(body).expect(400);
    expect(res.body).toMatchObject({ error: 'invalid_invocation', request_id: expect.any(String) });
    const details = res.body.details as { field: string; message: string }[];
    expect(details.map((d) => d.field)).toContain(field);
  });

  it('forecasts a series whose forecast ends on 9999-12-31', async () => {
    // 30 days to 9999-12-17, then the model's 14: the last one is 9999-12-31.
    const res = await http
      .post('/invocations')
      .send({ instances: [{ start: '9999-11-18', target: weekly(30, 5) }] })
      .expect(200);
    expectOrdered((res.body as { predictions: DeepArPrediction[] }).predictions[0], HORIZON);
  });

  it('answers malformed JSON with a 400 envelope', async () => {
    const res = await http
      .post('/invocations')
      .set('content-type', 'application/json')
      .send('{"instances": [,]}')
      .expect(400);
    expect(res.body.error).toBe('malformed_json');
  });
});

describe('SageMaker container without a loadable model (e2e)', () => {
  let root: string;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-sagemaker-none-'));
    app = await startApp({
      sagemaker: { enabled: true, modelDir: join(root, 'no-model') },
      data: { dir: join(root, 'data') },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
    });
    await app.get(SageMakerModelService).whenLoaded();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers /ping with 503 and /invocations with a 503 envelope', async () => {
    const ping = await request(app.getHttpServer()).get('/ping').expect(503);
    expect(ping.body).toEqual({ status: 'failed' });
    const res = await request(app.getHttpServer())
      .post('/invocations')
      .send({ instances: [{ start: '2024-01-01', target: [1, 2, 3] }] })
      .expect(503);
    expect(res.body.error).toBe('model_not_ready');
  });
});

describe('SageMaker container shutting down (e2e)', () => {
  let root: string;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-sagemaker-close-'));
    app = await startSageMakerApp(root, 2, 60);
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('answers an invocation already in flight when SIGTERM closes the app, then disposes the model', async () => {
    const body = JSON.stringify({ instances: [{ start: '2024-01-01', target: weekly(60, 10) }] });
    const server = app.getHttpServer();
    const { socket, received: answer } = await openRawConnection(server);
    // Headers and half the body now; the rest once the app has begun to close.
    const arrived = nextRequestArrives(server);
    socket.write(
      `POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 40)}`,
    );
    await arrived;
    const closing = app.close();
    await untilNotListening(server);
    socket.end(body.slice(40));
    const text = await answer;
    await closing;
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    const json = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as {
      predictions: DeepArPrediction[];
    };
    expectOrdered(json.predictions[0], HORIZON);
    expect(app.get(SageMakerModelService).state).toBe('closed');
  });
});
