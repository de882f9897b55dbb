import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JOB_QUEUE, type JobQueue, type JobView } from '../../src/jobs/job-queue.port.js';
import { ModelRegistryService } from '../../src/registry/model-registry.service.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { pollUntil } from '../fixtures/jobs/poll.js';
import { startApp } from '../helpers/test-app.factory.js';

const ADMIN_KEY = 'ensemble-retrain-admin-key-0123456789';

describe('an ensemble goes through the registry like any kind: retrain → manifest → gates → prod → /predict', () => {
  let root: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-ensemble-'));
    app = await startApp({
      // Data and serving, no model yet: the retrain below is the first prod model.
      startup: { enabled: true },
      auth: { adminApiKey: ADMIN_KEY },
      data: {
        dir: join(root, 'data'),
        demo: { items: 24, days: 260, start: '2022-01-01', seed: 5, lang: 'en' },
        watchIntervalSec: 0,
      },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      forecasting: { trainOnStart: false, backtest: { windows: 2, refitEvery: 1 }, horizon: 14 },
    });
    await app.get(FirstStartService).settled();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('registers the ensemble with its members and weights, passes the gates, promotes it and serves ordered quantiles', async () => {
    const http = request(app.getHttpServer());
    const registry = app.get(ModelRegistryService);
    const jobs = app.get<JobQueue>(JOB_QUEUE);
    const members = [{ kind: 'linear' }, { kind: 'ets' }];
    const submitted = await http
      .post('/admin/retrain')
      .set('x-api-key', ADMIN_KEY)
      .send({ models: ['ensemble'], params: { members, weighting: 'validation' } })
      .expect(202);
    const id = (submitted.body as { job_id: string }).job_id;
    const done = await pollUntil(
      `job ${id} finished`,
      async (): Promise<JobView | undefined> => {
        const v = await jobs.get(id);
        return v && ['completed', 'failed'].includes(v.state) ? v : undefined;
      },
      120_000,
      100,
    );
    if (done.name !== 'train' || !done.result)
      throw new Error(`train: ${done.state} ${done.error}`);
    expect(done.result).toMatchObject({ promoted: true, stage: 'prod', gateFailures: [] });
    // Its members' losses are in their own units: the job reports no final loss for the ensemble.
    expect(done.result.candidates.map((c) => [c.kind, c.fit.finalLoss])).toEqual([
      ['ensemble', null],
    ]);
    const version = await registry.get(done.result.modelVersion);
    expect(version).toMatchObject({ kind: 'ensemble', stage: 'prod', target: 'quantity' });
    expect(version.params).toMatchObject({ members, weighting: 'validation' });
    const summary = version.state.model as {
      members: { kind: string }[];
      weights: number[];
      validationWape: (number | null)[];
    };
    expect(summary.members.map((m) => m.kind)).toEqual(['linear', 'ets']);
    expect(summary.weights).toHaveLength(2);
    for (const w of summary.weights) expect(w).toBeGreaterThan(0);
    expect(version.featureSpec).toMatchObject({
      inputs: { kind: 'ensemble', members: [{ kind: 'linear' }, { kind: 'ets' }] },
    });
    // The gates were evaluated at the promotion and recorded with it.
    const { entries } = await registry.history('quantity', { id: version.id });
    const promotion = entries.find((e) => e.toStage === 'prod');
    expect(promotion?.gates?.length).toBeGreaterThan(0);
    expect(promotion?.gates?.every((g) => g.passed)).toBe(true);

    await pollUntil(
      'serving the ensemble',
      async () => app.get(ServedModelsService).served('quantity')?.id === version.id,
      30_000,
    );
    const item = [...(app.get(ServedModelsService).served('quantity')?.cache.keys() ?? [])][0];
    const res = await http.post('/predict').send({ item_code: item, horizon: 14 }).expect(200);
    const body = res.body as {
      model_version: string;
      forecast: { p10: number; p50: number; p90: number; mean: number }[];
    };
    expect(body.model_version).toBe(version.id);
    expect(body.forecast).toHaveLength(14);
    for (const p of body.forecast) {
      expect(p.p10).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p90);
      expect(p.p10).toBeGreaterThanOrEqual(0);
    }
  });
});
