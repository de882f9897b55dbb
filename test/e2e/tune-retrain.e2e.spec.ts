import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { JOB_QUEUE, type JobQueue, type JobView } from '../../src/jobs/job-queue.port.js';
import { DatasetService } from '../../src/data/dataset.service.js';
import { ModelRegistryService } from '../../src/registry/model-registry.service.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { pollUntil } from '../fixtures/jobs/poll.js';
import { waitForJob } from '../fixtures/jobs/wait-for-job.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';
import { startApp } from '../helpers/test-app.factory.js';

const KEY = 'tune-retrain-admin-key-0123456789';
const DEMO = { items: 16, days: 300, start: '2022-01-01', seed: 8, lang: 'en' } as const;

describe('tune job on BullMQ → retrain with the tuned params → registry → /predict (e2e)', () => {
  const prefix = uniquePrefix('tune');
  const savedRole = process.env.FRESHCAST_ROLE;
  let root: string;
  let app: NestFastifyApplication;
  let jobs: JobQueue;
  const http = () => request(app.getHttpServer());
  const admin = (req: request.Test) => req.set('x-api-key', KEY);
  // A tune and a retrain each train models: more time than the default wait.
  const finished = (id: string): Promise<JobView> =>
    waitForJob(jobs, id, { timeoutMs: 120_000, intervalMs: 100 });

  beforeAll(async () => {
    process.env.FRESHCAST_ROLE = 'all';
    root = mkdtempSync(join(tmpdir(), 'fc-tune-'));
    app = await startApp({
      queue: { redisUrl: TEST_REDIS_URL },
      jobs: { prefix },
      startup: { enabled: true },
      auth: { adminApiKey: KEY },
      data: { dir: join(root, 'data'), demo: DEMO, watchIntervalSec: 0 },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      forecasting: { defaultModel: 'ets', backtest: { windows: 2, refitEvery: 1 }, horizon: 14 },
    });
    await app.get(FirstStartService).settled();
    await app.get(ServedModelsService).whenLoaded();
    jobs = app.get<JobQueue>(JOB_QUEUE);
  });
  afterAll(async () => {
    await app.close();
    if (savedRole === undefined) delete process.env.FRESHCAST_ROLE;
    else process.env.FRESHCAST_ROLE = savedRole;
    await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses bad tune requests: no key 401, untunable kind or no budget 400', async () => {
    await http().post('/admin/tune').send({ model: 'linear', budget_s: 5 }).expect(401);
    const naive = await admin(http().post('/admin/tune'))
      .send({ model: 'seasonal-naive', budget_s: 5 })
      .expect(400);
    expect(JSON.stringify(naive.body)).toContain('parameter space');
    await admin(http().post('/admin/tune')).send({ model: 'linear' }).expect(400);
    await admin(http().post('/admin/tune')).send({ model: 'linear', budget_s: -1 }).expect(400);
    // Windows the data (300 days) cannot hold are refused at submission, not by the job.
    const before = (await jobs.list({ name: 'tune', limit: 500 })).length;
    const long = await admin(http().post('/admin/tune'))
      .send({ model: 'linear', budget_s: 5, horizon: 60, tuning_windows: 12 })
      .expect(400);
    expect(long.body).toMatchObject({
      error: 'validation_failed',
      details: [
        {
          field: 'tuning_windows',
          message:
            'the data has 300 days: too few for 12 tuning window(s) of 60 days before the 2 evaluation window(s)',
        },
      ],
    });
    expect((await jobs.list({ name: 'tune', limit: 500 })).length).toBe(before);
  });

  it('refuses retrain and backtest windows the data (300 days) cannot hold, queueing nothing', async () => {
    const before = (await jobs.list({ limit: 500 })).length;
    const refused = async (path: string, body: object, field: string, message: string) => {
      const r = await admin(http().post(path)).send(body);
      expect({ path, body, status: r.status, body_: r.body as unknown }).toMatchObject({
        path,
        body,
        status: 400,
        body_: { error: 'validation_failed', details: [{ field, message }] },
      });
    };
    await refused(
      '/admin/retrain',
      { models: ['ets'], backtest_windows: 12, horizon: 60 },
      'backtest_windows',
      'The panel has 300 days: too few for 12 windows 60 days apart',
    );
    await refused(
      '/admin/backtest',
      { kind: 'linear', windows: 12, horizon: 30 },
      'windows',
      'The panel has 300 days: too few for 12 windows 30 days apart',
    );
    expect((await jobs.list({ limit: 500 })).length).toBe(before);
  });

  it('tunes within the budget, retrains with the best params, records them and serves the model', async () => {
    const submitted = await admin(http().post('/admin/tune'))
      .send({ model: 'moving-average', budget_s: 8, horizon: 14, tuning_windows: 2, seed: 3 })
      .expect(202);
    const tuneId = (submitted.body as { job_id: string }).job_id;
    const tune = await finished(tuneId);
    if (tune.name !== 'tune' || tune.state !== 'completed' || !tune.result)
      throw new Error(`tune ${tune.state}: ${tune.error}`);
    const r = tune.result;
    expect(r.seconds).toBeLessThanOrEqual(8); // room for a loaded machine; it ends sooner when done
    expect(r.trials.length).toBeGreaterThan(1);
    expect(r.evaluationCutoffs).toHaveLength(2);
    for (const t of r.trials)
      for (const s of t.scores) expect(s.cutoff < r.evaluationCutoffs[0]).toBe(true);
    const best = r.best;
    if (!best) throw new Error('no best trial');

    // Tuned params: only with the kind that was tuned, not with params, and only from a tune job.
    await admin(http().post('/admin/retrain'))
      .send({ tune_job: tuneId, models: ['ets'] })
      .expect(400);
    await admin(http().post('/admin/retrain'))
      .send({ tune_job: tuneId, params: { window: 3 } })
      .expect(400);
    const unknown = await admin(http().post('/admin/retrain'))
      .send({ tune_job: 'no-such-job' })
      .expect(400);
    expect(JSON.stringify(unknown.body)).toContain('no job no-such-job');
    await admin(http().post('/admin/retrain'))
      .send({ tune_job: tuneId, target: 'wholesale' })
      .expect(400);

    const retrain = await admin(http().post('/admin/retrain'))
      .send({ tune_job: 'latest', models: ['moving-average'], horizon: 14 })
      .expect(202);
    const train = await finished((retrain.body as { job_id: string }).job_id);
    if (train.name !== 'train' || train.state !== 'completed' || !train.result)
      throw new Error(`train ${train.state}: ${train.error}`);
    expect(train.payload.paramsSource).toEqual({ tuneJob: tuneId, tuneMeanWape: best.meanWape });

    const registry = app.get(ModelRegistryService);
    const version = await registry.get(train.result.modelVersion);
    expect(version.params).toMatchObject(best.params);
    expect(version.paramsSource).toEqual({
      origin: 'tune',
      tuneJob: tuneId,
      tuneMeanWape: best.meanWape,
    });
    expect(version.training.seconds).toBeGreaterThan(0);
    // Its share of the retrain budget (forecasting.budget.retrain, 10m): what the job had left for it.
    expect(version.training.budgetSec).toBeGreaterThan(590);
    expect(version.training.budgetSec).toBeLessThanOrEqual(600);

    // Gates decide as for any model; forced here so that /predict serves the tuned model.
    if (train.result.stage !== 'prod')
      await registry.promote(version.id, {
        actor: 'test',
        stage: 'prod',
        force: true,
        reason: 'serve the tuned model',
      });
    const served = app.get(ServedModelsService);
    await pollUntil('tuned model served', async () =>
      served.served('quantity')?.id === version.id ? true : undefined,
    );
    const item = app.get(DatasetService).panel?.seriesIds[0];
    const predicted = await http()
      .post('/predict')
      .send({ item_code: item, horizon: 7 })
      .expect(200);
    expect(JSON.stringify(predicted.body)).toContain(`"model_version":"${version.id}"`);
  });
});
