import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { JOB_QUEUE, type JobQueue, type JobView } from '../../src/jobs/job-queue.port.js';
import { loadJobResult } from '../../src/jobs/job-result.pointer.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../../src/storage/artifact-store.js';
import { pollUntil } from '../fixtures/jobs/poll.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';
import { startApp } from '../helpers/test-app.factory.js';

const REGISTER = pathToFileURL(resolve('test/fixtures/jobs/register-ts.mjs')).href;

/**
 * The deployment of issue #6: an API process in role `api` (submits, never runs jobs) and a
 * separate worker process (src/worker.ts) sharing Redis, the data folder and the artifact store.
 * The worker does the first-start training and the batch forecasts; the API serves the result.
 */
describe('API (role api) + worker process over Redis', () => {
  const prefix = uniquePrefix('api-worker');
  let root: string;
  let worker: ChildProcess;
  let workerLog = '';
  let app: NestFastifyApplication;
  const previousRole = process.env.FRESHCAST_ROLE;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-api-worker-'));
    const shared = {
      FRESHCAST_DATA_DIR: join(root, 'data'),
      FRESHCAST_DATA__DEMO__ITEMS: '20',
      FRESHCAST_DATA__DEMO__DAYS: '220',
      FRESHCAST_STORAGE: 'disk',
      FRESHCAST_STORAGE__DISK__ROOT: join(root, 'models'),
      FRESHCAST_FORECASTING__DEFAULT_MODEL: 'ets',
      FRESHCAST_FORECASTING__HORIZON: '14',
      FRESHCAST_FORECASTING__BACKTEST__WINDOWS: '2',
      FRESHCAST_JOBS__PREFIX: prefix,
      REDIS_URL: TEST_REDIS_URL,
    };
    worker = spawn(process.execPath, ['--import', REGISTER, resolve('src/worker.ts')], {
      env: { ...process.env, ...shared, FRESHCAST_ROLE: 'worker' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (c: Buffer) => (workerLog += c.toString()));
    worker.stderr?.on('data', (c: Buffer) => (workerLog += c.toString()));

    process.env.FRESHCAST_ROLE = 'api';
    app = await startApp({
      startup: { enabled: true },
      queue: { redisUrl: TEST_REDIS_URL },
      jobs: { prefix },
      data: {
        dir: shared.FRESHCAST_DATA_DIR,
        demo: { items: 20, days: 220 },
        watchIntervalSec: 0,
      },
      storage: { driver: 'disk', disk: { root: shared.FRESHCAST_STORAGE__DISK__ROOT } },
      forecasting: { defaultModel: 'ets', horizon: 14, backtest: { windows: 2, refitEvery: 1 } },
    });
  }, 60_000);

  afterAll(async () => {
    if (previousRole === undefined) delete process.env.FRESHCAST_ROLE;
    else process.env.FRESHCAST_ROLE = previousRole;
    await app.close();
    if (worker.exitCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('the worker trains the first model, the API serves it, and batch forecasts come back from the worker', async () => {
    const firstStart = app.get(FirstStartService);
    await firstStart.settled();
    expect({ phase: firstStart.state.phase, error: firstStart.state.error }).toEqual({
      phase: 'ready',
      error: null,
    });
    const trained = firstStart.state.models.quantity;
    expect(trained).toMatchObject({ kind: 'ets', trained: true });
    // The API process ran no job: the worker logged the training (through a pipe, so waited for).
    await pollUntil(
      'the worker logs the training',
      () => Promise.resolve(/\[train train\.k-[0-9a-f]+\] ets: WAPE/.test(workerLog)),
      10_000,
      50,
    );

    const predictions = app.get(ServedModelsService);
    await predictions.whenLoaded();
    const served = predictions.served('quantity');
    expect(served?.id).toBe(trained?.id);
    const item = [...(served?.cache.keys() ?? [])][0];
    await request(app.getHttpServer())
      .post('/predict')
      .send({ item_code: item, horizon: 7 })
      .expect(200);

    const jobs = app.get<JobQueue>(JOB_QUEUE);
    expect(jobs.mode).toBe('bullmq');
    const { id } = await jobs.add('batch-predict', { horizon: 14 });
    const view = await pollUntil<JobView>(
      'batch job done',
      async () => {
        const v = await jobs.get(id);
        return v && ['completed', 'failed'].includes(v.state) ? v : undefined;
      },
      60_000,
      100,
    );
    expect(view.state).toBe('completed');
    // The worker ran it. Its log line reaches this process through a pipe, which can come after the
    // job's completed state does through Redis: wait for it rather than read the log at once.
    await pollUntil(
      'the worker logs the batch job',
      () => Promise.resolve(workerLog.includes(`[batch-predict ${id}]`)),
      10_000,
      50,
    );
    const store = app.get<ArtifactStore>(ARTIFACT_STORE);
    const result =
      view.result ??
      (view.resultPointer ? await loadJobResult(store, { pointer: view.resultPointer }) : null);
    const r = result as {
      modelVersion: string;
      forecasts: { seriesId: string; quantiles: { p50: number[] } }[];
    };
    expect(r.modelVersion).toBe(trained?.id);
    expect(r.forecasts).toHaveLength(served?.cache.size ?? -1);
    const same = r.forecasts.find((f) => f.seriesId === item);
    expect(same?.quantiles.p50).toEqual(served?.cache.get(item)?.quantiles.p50.slice(0, 14));
  }, 120_000);
});
