import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { generateDataset } from '../../src/data/generator/dataset.generator.js';
import { tfMemory } from '../../src/forecasting/tf/tf-memory.js';
import type { JobView } from '../../src/jobs/job-queue.port.js';
import { JOB_QUEUE, type JobQueue } from '../../src/jobs/job-queue.port.js';
import { loadJobResult } from '../../src/jobs/job-result.pointer.js';
import { ModelRegistryService } from '../../src/registry/model-registry.service.js';
import { ForecastRefreshListener } from '../../src/serving/forecast-refresh.listener.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { DatasetService } from '../../src/data/dataset.service.js';
import type { FreshcastJobCatalog } from '../../src/jobs/job-catalog.js';
import type { JobPayload } from '../../src/jobs/job-catalog.types.js';
import type { JobContext } from '../../src/jobs/job-processor.types.js';
import { TrainJob } from '../../src/jobs/processors/train.job.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../../src/storage/artifact-store.js';
import { pollUntil } from '../fixtures/jobs/poll.js';
import { waitForJob } from '../fixtures/jobs/wait-for-job.js';
import { startApp } from '../helpers/test-app.factory.js';

const ADMIN_KEY = 'job-processors-admin-key-0123456789';
const DEMO = { items: 24, days: 260, start: '2022-01-01', seed: 5, lang: 'en' } as const;

describe('job processors in the app (in-process queue): batch-predict, train, backtest, refresh-forecasts', () => {
  let root: string;
  let app: NestFastifyApplication;
  let jobs: JobQueue;
  let store: ArtifactStore;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-jobs-'));
    app = await startApp({
      startup: { enabled: true },
      auth: { adminApiKey: ADMIN_KEY },
      data: { dir: join(root, 'data'), demo: DEMO, watchIntervalSec: 0 },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      // Two windows: with one, the tiny demo's P10–P90 coverage misses the prod gate.
      forecasting: { defaultModel: 'ets', backtest: { windows: 2, refitEvery: 1 }, horizon: 14 },
    });
    await app.get(FirstStartService).settled();
    await app.get(ServedModelsService).whenLoaded();
    jobs = app.get<JobQueue>(JOB_QUEUE);
    store = app.get<ArtifactStore>(ARTIFACT_STORE);
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('batch-predict forecasts every item with the prod model, equal to the served cache', async () => {
    const served = app.get(ServedModelsService).served('quantity');
    if (!served) throw new Error('no model served');
    const { id } = await jobs.add('batch-predict', { horizon: 7 });
    const view = await waitForJob(jobs, id);
    expect(view).toMatchObject({ state: 'completed', progress: 100, attempts: 1 });
    if (view.name !== 'batch-predict') throw new Error(view.name);
    const result =
      view.result ??
      (view.resultPointer ? await loadJobResult(store, { pointer: view.resultPointer }) : null);
    const r = result as NonNullable<typeof view.result>;
    expect(r.modelVersion).toBe(served.id);
    expect(r.seriesCount).toBe(served.cache.size);
    expect(r.forecasts).toHaveLength(served.cache.size);
    for (const f of r.forecasts) {
      const cached = served.cache.get(f.seriesId);
      expect(cached).toBeDefined();
      expect(f.dates).toEqual(cached?.dates.slice(0, 7));
      expect(f.quantiles.p50).toEqual(cached?.quantiles.p50.slice(0, 7));
    }
  });

  it('batch-predict of chosen items from an earlier cutoff reports items it cannot forecast', async () => {
    const panel = app.get(DatasetService).panel;
    if (!panel) throw new Error('no panel');
    const cutoff = panel.dates[panel.dates.length - 31];
    const items = [panel.seriesIds[0], panel.seriesIds[1], 'no-such-item'];
    const { id } = await jobs.add('batch-predict', { seriesIds: items, cutoff, horizon: 14 });
    const view = await waitForJob(jobs, id);
    if (view.name !== 'batch-predict' || !view.result)
      throw new Error(`unexpected ${view.state}: ${view.error}`);
    expect(view.result.missing).toContain('no-such-item');
    expect(view.result.cutoff).toBe(cutoff);
    for (const f of view.result.forecasts) {
      expect(f.dates[0]).toBe(panel.dates[panel.dates.length - 30]);
      expect(f.dates).toHaveLength(14);
      f.quantiles.p10.forEach((p10, i) => {
        expect(p10).toBeLessThanOrEqual(f.quantiles.p50[i]);
        expect(f.quantiles.p50[i]).toBeLessThanOrEqual(f.quantiles.p90[i]);
      });
    }
  });

  it('fails a batch-predict that asks for more days than the model forecasts, without retrying', async () => {
    const { id } = await jobs.add('batch-predict', { horizon: 40 });
    const view = await waitForJob(jobs, id);
    expect(view.state).toBe('failed');
    expect(view.attempts).toBe(1);
    expect(view.error).toMatch(/horizon 40 is longer than model .* forecasts \(14 days\)/);
  });

  it('fails a batch-predict for a model that does not exist, and one with a cutoff outside the data', async () => {
    const a = await jobs.add('batch-predict', { model: 'quantity-nope-20990101-000000-abcd' });
    const b = await jobs.add('batch-predict', { cutoff: '2031-01-01' });
    const [va, vb] = await Promise.all([waitForJob(jobs, a.id), waitForJob(jobs, b.id)]);
    expect(va).toMatchObject({ state: 'failed', attempts: 1 });
    expect(va.error).toMatch(/no registered quantity model/);
    expect(vb).toMatchObject({ state: 'failed', attempts: 1 });
    expect(vb.error).toMatch(/cutoff 2031-01-01 is outside the data/);
  });

  it('keeps the live tensor count flat over repeated batch jobs', async () => {
    const run = async (): Promise<void> => {
      const { id } = await jobs.add('batch-predict', {
        cutoff: app.get(DatasetService).panel?.dates[200],
      });
      expect((await waitForJob(jobs, id)).state).toBe('completed');
    };
    await run();
    const before = tfMemory()?.tensors ?? 0;
    for (let i = 0; i < 3; i++) await run();
    expect(tfMemory()?.tensors ?? 0).toBe(before);
  });

  it('backtests a kind, and a registered model, against seasonal naive', async () => {
    const byKind = await jobs.add('backtest', { kind: 'moving-average', windows: 2, horizon: 7 });
    const byModel = await jobs.add('backtest', { model: 'prod', windows: 1 });
    const unknown = await jobs.add('backtest', { kind: 'prophet' });
    const [k, m, u] = await Promise.all([
      waitForJob(jobs, byKind.id),
      waitForJob(jobs, byModel.id),
      waitForJob(jobs, unknown.id),
    ]);
    if (k.name !== 'backtest' || !k.result)
      throw new Error(`backtest by kind: ${k.state} ${k.error}`);
    expect(k.result).toMatchObject({ subject: 'moving-average', horizon: 7, windows: 2 });
    expect(k.result.scoredPoints).toBeGreaterThan(0);
    expect(k.result.model.wape).toBeGreaterThan(0);
    expect(k.result.seasonalNaive.wape).toBeGreaterThan(0);
    const prod = app.get(ServedModelsService).served('quantity');
    if (m.name !== 'backtest' || !m.result)
      throw new Error(`backtest by model: ${m.state} ${m.error}`);
    expect(m.result.subject).toBe(prod?.id);
    expect(m.result.horizon).toBe(14);
    expect(u).toMatchObject({ state: 'failed', attempts: 1 });
    expect(u.error).toMatch(/unknown model kind prophet; known kinds: .*ets/);
  });

  it('a retrain started with POST /admin/retrain registers each kind in staging, promotes the best, and serving moves without a failed request', async () => {
    const predictions = app.get(ServedModelsService);
    const registry = app.get(ModelRegistryService);
    const before = predictions.served('quantity')?.id;
    const item = [...(predictions.served('quantity')?.cache.keys() ?? [])][0];
    const http = request(app.getHttpServer());
    const submitted = await http
      .post('/admin/retrain')
      .set('x-api-key', ADMIN_KEY)
      .send({ models: ['linear', 'moving-average'], time_budget_s: 10 })
      .expect(202);
    const id = (submitted.body as { job_id: string }).job_id;

    const statuses: number[] = [];
    const versions = new Set<string>();
    let done: JobView | null = null;
    while (!done) {
      const res = await http.post('/predict').send({ item_code: item, horizon: 3 });
      statuses.push(res.status);
      versions.add((res.body as { model_version: string }).model_version);
      const v = await jobs.get(id);
      if (v && ['completed', 'failed'].includes(v.state)) done = v;
    }
    if (done.name !== 'train' || !done.result)
      throw new Error(`train: ${done.state} ${done.error}`);
    const r = done.result;
    expect(r.candidates.map((c) => c.kind).sort()).toEqual(['linear', 'moving-average']);
    expect(r.candidates[0].backtest.model.wape).toBeLessThanOrEqual(
      r.candidates[1].backtest.model.wape,
    );
    expect(r.previousProd).toBe(before);
    for (const c of r.candidates) expect((await registry.get(c.modelVersion)).kind).toBe(c.kind);
    expect({ promoted: r.promoted, gateFailures: r.gateFailures }).toEqual({
      promoted: true,
      gateFailures: [],
    });
    expect((await registry.resolve('quantity', 'prod')).id).toBe(r.modelVersion);
    // Only the best leaves dev.
    expect((await registry.get(r.candidates[1].modelVersion)).stage).toBe('dev');
    await pollUntil(
      'serving swapped',
      async () => predictions.served('quantity')?.id === r.modelVersion,
      20_000,
    );
    // Requests during and after the swap: none fails.
    for (let i = 0; i < 20; i++) {
      const res = await http.post('/predict').send({ item_code: item, horizon: 3 });
      statuses.push(res.status);
      versions.add((res.body as { model_version: string }).model_version);
    }
    expect(versions.has(r.modelVersion)).toBe(true);
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(done.progress).toBe(100);
  });

  it('a retrain without promotion leaves its best candidate in staging for a person to decide', async () => {
    const registry = app.get(ModelRegistryService);
    const prod = (await registry.resolve('quantity', 'prod')).id;
    const { id } = await jobs.add('train', { kinds: ['moving-average'], promote: false });
    const view = await waitForJob(jobs, id);
    if (view.name !== 'train' || !view.result)
      throw new Error(`train: ${view.state} ${view.error}`);
    expect(view.result).toMatchObject({ promoted: false, stage: 'staging', gateFailures: [] });
    expect((await registry.get(view.result.modelVersion)).stage).toBe('staging');
    expect((await registry.resolve('quantity', 'prod')).id).toBe(prod);
  });

  it('refresh-forecasts picks up new data files, and the served cache moves to the new last date', async () => {
    const predictions = app.get(ServedModelsService);
    const datasets = app.get(DatasetService);
    const listener = app.get(ForecastRefreshListener);
    const lastBefore = datasets.panel?.dates.at(-1);
    expect(await listener.checkData()).toBeNull();

    const dir = app.get(FirstStartService).state.data?.dir;
    if (!dir) throw new Error('no data dir');
    await generateDataset(dir, { ...DEMO, days: DEMO.days + 7 });
    const id = await listener.checkData();
    if (id === null) throw new Error('no refresh submitted for changed data');
    expect(await listener.checkData()).toBe(id);
    const view = await waitForJob(jobs, id);
    if (view.name !== 'refresh-forecasts' || !view.result)
      throw new Error(`refresh: ${view.state} ${view.error}`);
    const newLast = datasets.panel?.dates.at(-1);
    expect(newLast).not.toBe(lastBefore);
    expect(view.result.refreshed).toEqual([
      expect.objectContaining({ target: 'quantity', cutoff: newLast }),
    ]);
    await pollUntil(
      'cache moved to the new data',
      async () => {
        await predictions.idle();
        const first = predictions.report().models.quantity?.firstForecastDate;
        return first !== undefined && first !== null && newLast !== undefined && first > newLast;
      },
      20_000,
    );
  });

  it('a retried train job reuses what its earlier attempt registered and promoted', async () => {
    const registry = app.get(ModelRegistryService);
    const train = app.get(TrainJob);
    const prodBefore = (await registry.resolve('quantity', 'prod')).id;
    const logs: string[] = [];
    const ctx = (attempt: number): JobContext<JobPayload<FreshcastJobCatalog, 'train'>> => ({
      id: 'train.retry-test',
      name: 'train',
      payload: { kinds: ['ets'], target: 'quantity', params: {}, promote: true, timeBudgetSec: 10 },
      attempt,
      maxAttempts: 2,
      signal: new AbortController().signal,
      progress: () => Promise.resolve(),
      log: (m) => logs.push(m),
    });
    const first = await train.process(ctx(1));
    const registered = (await registry.history('quantity')).entries.filter(
      (e) => e.action === 'register' && e.actor === 'job:train.retry-test',
    );
    expect(registered).toHaveLength(1);

    const second = await train.process(ctx(2));
    expect(second).toEqual({
      ...first,
      candidates: [expect.objectContaining({ modelVersion: first.modelVersion })],
    });
    expect(second.previousProd).toBe(prodBefore);
    expect(logs.some((l) => l.includes(`reusing ${first.modelVersion}`))).toBe(true);
    expect(
      (await registry.history('quantity')).entries.filter(
        (e) => e.action === 'register' && e.actor === 'job:train.retry-test',
      ),
    ).toHaveLength(1);
  });

  it('runs tune and train jobs whose budget is not a whole number of milliseconds past its overrun', async () => {
    // The overrun backstop (a quarter of the budget plus a minute) takes whole milliseconds: budget_s
    // 1.0000001 made its timer throw, and the job failed before any work.
    const tune = await request(app.getHttpServer())
      .post('/admin/tune')
      .set('x-api-key', ADMIN_KEY)
      .send({
        model: 'moving-average',
        budget_s: 1.0000001,
        horizon: 7,
        tuning_windows: 1,
        candidates: 2,
      })
      .expect(202);
    const tuned = await waitForJob(jobs, (tune.body as { job_id: string }).job_id);
    expect({ state: tuned.state, error: tuned.error }).toEqual({ state: 'completed', error: null });
    const { id } = await jobs.add('train', {
      kinds: ['seasonal-naive'],
      target: 'quantity',
      params: {},
      promote: false,
      budgetSec: 30.0000001,
    });
    const trained = await waitForJob(jobs, id);
    expect({ state: trained.state, error: trained.error }).toEqual({
      state: 'completed',
      error: null,
    });
  });
});
