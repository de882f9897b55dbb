import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';
import { startApp } from '../helpers/test-app.factory.js';

const KEY = 'e2e-jobs-admin-key-0123456789';

interface Accepted {
  job_id: string;
  status_url: string;
  result_url?: string;
  deduplicated: boolean;
}
interface Envelope {
  error: string;
  message: string;
  details: unknown;
}
interface JobDetail {
  job_id: string;
  name: string;
  state: string;
  payload: Record<string, unknown>;
  result: unknown;
  result_pointer: string | null;
  error: string | null;
  attempts: number;
  max_attempts: number;
  created_at: string;
}

/**
 * BullMQ mode against the real Redis, as an `api` process (FRESHCAST_ROLE=api): jobs are queued and
 * nobody runs them, so they stay `waiting`: states, idempotency, listing and cancelling are exact.
 */
describe('job routes on BullMQ, submit-only process (e2e)', () => {
  const prefix = uniquePrefix('jobs-http');
  const savedRole = process.env.FRESHCAST_ROLE;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const admin = (req: request.Test) => req.set('x-api-key', KEY);

  beforeAll(async () => {
    process.env.FRESHCAST_ROLE = 'api';
    app = await startApp({
      queue: { redisUrl: TEST_REDIS_URL },
      jobs: { prefix, maxQueuedPerClient: 100 },
      auth: { adminApiKey: KEY },
      data: { watchIntervalSec: 0 },
    });
  });
  afterAll(async () => {
    await app.close();
    if (savedRole === undefined) delete process.env.FRESHCAST_ROLE;
    else process.env.FRESHCAST_ROLE = savedRole;
    await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
  });

  it('queues a batch job: 202 with Location, the payload as the worker will read it', async () => {
    const res = await http()
      .post('/predict/batch')
      .send({ item_codes: ['a1', 'b2'], date: '2023-03-01', horizon: 7, format: 'csv' })
      .expect(202);
    const body = res.body as Accepted;
    expect(body.job_id).toMatch(/^batch-predict\./);
    expect(body.status_url).toBe(`/predict/jobs/${body.job_id}`);
    expect(body.result_url).toBe(`/predict/jobs/${body.job_id}/result`);
    expect(body.deduplicated).toBe(false);
    expect(res.headers.location).toBe(body.status_url);

    const job = (await admin(http().get(`/admin/jobs/${body.job_id}`)).expect(200))
      .body as JobDetail;
    expect(job.name).toBe('batch-predict');
    expect(job.state).toBe('waiting');
    expect(job.payload).toEqual({
      target: 'quantity',
      model: 'prod',
      seriesIds: ['a1', 'b2'],
      horizon: 7,
      cutoff: '2023-02-28',
      format: 'csv',
    });
    expect(job).toMatchObject({ result: null, result_pointer: null, error: null, attempts: 0 });
  });

  it('shows a waiting batch job, and answers 409 job_not_finished for its result', async () => {
    const { job_id } = (await http().post('/predict/batch').send({}).expect(202)).body as Accepted;
    const status = (await http().get(`/predict/jobs/${job_id}`).expect(200)).body as Record<
      string,
      unknown
    >;
    expect(status).toMatchObject({
      job_id,
      name: 'batch-predict',
      state: 'waiting',
      progress: 0,
      stage: null,
      attempts: 0,
      started_at: null,
      finished_at: null,
      error: null,
      result_url: null,
      summary: null,
    });
    expect(typeof status.max_attempts).toBe('number');
    expect(Date.parse(String(status.created_at))).not.toBeNaN();

    for (const format of ['', '?format=csv']) {
      const res = await http().get(`/predict/jobs/${job_id}/result${format}`).expect(409);
      expect(res.body as Envelope).toMatchObject({
        error: 'job_not_finished',
        details: { job_id, state: 'waiting' },
      });
    }
  });

  it('gives the same job for the same Idempotency-Key, 409 for a different payload', async () => {
    const key = `nightly-${prefix}`;
    const first = (
      await http()
        .post('/predict/batch')
        .set('Idempotency-Key', key)
        .send({ horizon: 5 })
        .expect(202)
    ).body as Accepted;
    const again = await http()
      .post('/predict/batch')
      .set('Idempotency-Key', key)
      .send({ horizon: 5 })
      .expect(202);
    expect(again.body).toEqual({ ...first, deduplicated: true });
    expect(again.headers.location).toBe(first.status_url);

    const conflict = await http()
      .post('/predict/batch')
      .set('Idempotency-Key', key)
      .send({ horizon: 6 })
      .expect(409);
    expect(conflict.body as Envelope).toMatchObject({
      error: 'idempotency_conflict',
      details: null,
    });
    // The 409 names no job: a key never leads to a job id.
    expect(JSON.stringify(conflict.body)).not.toContain(first.job_id);

    // A key is per job name: the same key on another route is another job.
    const train = (
      await admin(http().post('/admin/retrain').set('Idempotency-Key', key).send({})).expect(202)
    ).body as Accepted;
    expect(train.job_id).not.toBe(first.job_id);
    const trainAgain = (
      await admin(http().post('/admin/retrain').set('Idempotency-Key', key).send({})).expect(202)
    ).body as Accepted;
    expect(trainAgain).toEqual({ ...train, deduplicated: true });
  });

  it('refuses an empty or too long Idempotency-Key', async () => {
    for (const key of ['', 'k'.repeat(256)]) {
      const res = await http().post('/predict/batch').set('Idempotency-Key', key).send({});
      expect(res.status).toBe(400);
      expect(res.body as Envelope).toMatchObject({
        error: 'validation_failed',
        details: [{ field: 'Idempotency-Key' }],
      });
    }
  });

  it('queues retrain, backtest and refresh-forecasts jobs with their payloads', async () => {
    const train = await admin(http().post('/admin/retrain'))
      .send({
        target: 'price',
        models: ['ets', 'linear'],
        time_budget_s: 30,
        promote: false,
        horizon: 14,
        epochs: 5,
        seed: 7,
        backtest_windows: 2,
      })
      .expect(202);
    const trainBody = train.body as Accepted;
    expect(trainBody.job_id).toMatch(/^train\./);
    expect(trainBody.status_url).toBe(`/admin/jobs/${trainBody.job_id}`);
    expect(train.headers.location).toBe(trainBody.status_url);
    expect(trainBody).not.toHaveProperty('result_url');
    const trainJob = (await admin(http().get(trainBody.status_url)).expect(200)).body as JobDetail;
    expect(trainJob.payload).toEqual({
      kinds: ['ets', 'linear'],
      target: 'price',
      params: {},
      timeBudgetSec: 30,
      promote: false,
      horizon: 14,
      epochs: 5,
      seed: 7,
      backtestWindows: 2,
    });

    const defaults = (await admin(http().post('/admin/retrain')).send({}).expect(202))
      .body as Accepted;
    expect(((await admin(http().get(defaults.status_url))).body as JobDetail).payload).toEqual({
      target: 'quantity',
      params: {},
      promote: true,
    });

    const backtest = (
      await admin(http().post('/admin/backtest'))
        .send({ kind: 'linear', params: { l2: 0.5 }, horizon: 7, windows: 2 })
        .expect(202)
    ).body as Accepted;
    expect(backtest.job_id).toMatch(/^backtest\./);
    expect(((await admin(http().get(backtest.status_url))).body as JobDetail).payload).toEqual({
      kind: 'linear',
      params: { l2: 0.5 },
      target: 'quantity',
      horizon: 7,
      windows: 2,
    });
    const byModel = (
      await admin(http().post('/admin/backtest')).send({ model: 'prod' }).expect(202)
    ).body as Accepted;
    expect(((await admin(http().get(byModel.status_url))).body as JobDetail).payload).toEqual({
      model: 'prod',
      target: 'quantity',
      windows: 3,
    });

    const refresh = (
      await admin(http().post('/admin/refresh-forecasts')).send({ target: 'wholesale' }).expect(202)
    ).body as Accepted;
    expect(refresh.job_id).toMatch(/^refresh-forecasts\./);
    expect(((await admin(http().get(refresh.status_url))).body as JobDetail).payload).toEqual({
      target: 'wholesale',
      model: 'prod',
    });
    const noBody = (await admin(http().post('/admin/refresh-forecasts')).expect(202))
      .body as Accepted;
    expect(((await admin(http().get(noBody.status_url))).body as JobDetail).payload).toEqual({
      model: 'prod',
    });
  });

  it('lists jobs newest first, filtered by name, state and limit', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await admin(http().post('/admin/backtest')).send({ kind: 'ets', windows: 1 });
      ids.push((res.body as Accepted).job_id);
      // Newest first by creation time (ms): the next job is added once the clock has moved on.
      for (const added = Date.now(); Date.now() <= added;)
        await new Promise((r) => setImmediate(r));
    }
    const list = (await admin(http().get('/admin/jobs?name=backtest&state=waiting')).expect(200))
      .body as { jobs: JobDetail[] };
    expect(list.jobs.every((j) => j.name === 'backtest' && j.state === 'waiting')).toBe(true);
    const listed = list.jobs.map((j) => j.job_id);
    expect(listed.slice(0, 3)).toEqual([...ids].reverse());
    const created = list.jobs.map((j) => j.created_at);
    expect(created).toEqual([...created].sort().reverse());

    const two = (await admin(http().get('/admin/jobs?name=backtest&limit=2')).expect(200)).body as {
      jobs: JobDetail[];
    };
    expect(two.jobs.map((j) => j.job_id)).toEqual([ids[2], ids[1]]);

    const all = (await admin(http().get('/admin/jobs')).expect(200)).body as { jobs: JobDetail[] };
    expect(new Set(all.jobs.map((j) => j.name))).toEqual(
      new Set(['batch-predict', 'train', 'backtest', 'refresh-forecasts']),
    );
    const none = (await admin(http().get('/admin/jobs?state=completed')).expect(200)).body as {
      jobs: JobDetail[];
    };
    expect(none.jobs).toEqual([]);
  });

  it('cancels a waiting job; cancelling it again says finished; its result is 409 job_failed', async () => {
    const { job_id } = (await http().post('/predict/batch').send({ all: true }).expect(202))
      .body as Accepted;
    expect((await admin(http().delete(`/admin/jobs/${job_id}`)).expect(200)).body).toEqual({
      job_id,
      outcome: 'cancelled',
    });
    expect((await admin(http().delete(`/admin/jobs/${job_id}`)).expect(200)).body).toEqual({
      job_id,
      outcome: 'finished',
    });
    const status = (await http().get(`/predict/jobs/${job_id}`).expect(200)).body as Record<
      string,
      unknown
    >;
    expect(status).toMatchObject({ state: 'cancelled', result_url: null, summary: null });
    const res = await http().get(`/predict/jobs/${job_id}/result`).expect(409);
    expect(res.body as Envelope).toMatchObject({
      error: 'job_failed',
      details: { job_id, state: 'cancelled', error: 'cancelled on request' },
    });
    const cancelled = (await admin(http().get('/admin/jobs?state=cancelled')).expect(200)).body as {
      jobs: JobDetail[];
    };
    expect(cancelled.jobs.map((j) => j.job_id)).toContain(job_id);
  });

  it('answers 404 job_not_found for unknown ids and for non-batch jobs on the predict routes', async () => {
    const train = (await admin(http().post('/admin/retrain')).send({}).expect(202))
      .body as Accepted;
    const unknown = [
      'batch-predict.00000000-0000-0000-0000-000000000000',
      'nosuchjob.123',
      'plain',
      'repeat:train.nightly:1700000000000',
    ];
    for (const id of [...unknown, train.job_id]) {
      for (const path of [`/predict/jobs/${id}`, `/predict/jobs/${id}/result`]) {
        const res = await http().get(path).expect(404);
        expect(res.body as Envelope).toMatchObject({
          error: 'job_not_found',
          details: { job_id: id },
        });
      }
    }
    for (const id of unknown) {
      await admin(http().get(`/admin/jobs/${id}`)).expect(404);
      const res = await admin(http().delete(`/admin/jobs/${id}`)).expect(404);
      expect((res.body as Envelope).error).toBe('job_not_found');
    }
  });
});
