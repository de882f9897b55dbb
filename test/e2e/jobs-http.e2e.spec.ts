import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { addDays } from '../../src/data/dates.js';
import { JOB_QUEUE, type JobQueue } from '../../src/jobs/job-queue.port.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { DatasetService } from '../../src/data/dataset.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { pollUntil } from '../fixtures/jobs/poll.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';
import { startApp } from '../helpers/test-app.factory.js';

const KEY = 'e2e-jobs-flow-key-0123456789';

interface Point {
  date: string;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}
interface BatchResult {
  job_id: string;
  model_version: string;
  target: string;
  horizon: number;
  cutoff: string;
  missing: string[];
  forecasts: { item_code: string; forecast: Point[] }[];
}
interface BatchStatus {
  job_id: string;
  name: string;
  state: string;
  progress: number;
  error: string | null;
  result_url: string | null;
  summary: {
    model_version: string;
    target: string;
    horizon: number;
    cutoff: string;
    series_count: number;
    missing: string[];
  } | null;
}
interface JobDetail {
  state: string;
  result: unknown;
  result_pointer: string | null;
}

/** Parses the CSV result into JSON-result points, keyed by item. */
function parseCsv(text: string): { header: string; rows: Map<string, Point[]>; count: number } {
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  const [header, ...body] = lines;
  const rows = new Map<string, Point[]>();
  for (const line of body) {
    const [item, date, mean, p10, p50, p90] = line.split(',');
    const list = rows.get(item) ?? [];
    list.push({ date, mean: Number(mean), p10: Number(p10), p50: Number(p50), p90: Number(p90) });
    rows.set(item, list);
  }
  return { header, rows, count: body.length };
}

/** The whole body as text (supertest buffers text/* bodies into `text`). */
function asText(res: request.Response): string {
  expect(typeof res.text).toBe('string');
  return res.text;
}

/**
 * Submit → poll → result with the real batch-predict processor, on a small demo dataset with a fast
 * prod model (ets): in-process, and on BullMQ against the real Redis (this process runs the jobs).
 */
describe.each(['in-process', 'bullmq'] as const)('batch forecasts over HTTP, %s (e2e)', (mode) => {
  const prefix = uniquePrefix('jobs-flow');
  let root: string;
  let app: NestFastifyApplication;
  /** Items the prod model forecasts (enough history), and the items it does not. */
  let items: string[];
  let unforecastable: string[];
  let lastDate: string;
  const http = () => request(app.getHttpServer());
  const admin = (req: request.Test) => req.set('x-api-key', KEY);

  const completed = async (jobId: string): Promise<BatchStatus> =>
    pollUntil(
      `batch job ${jobId} to finish`,
      async () => {
        const status = (await http().get(`/predict/jobs/${jobId}`).expect(200)).body as BatchStatus;
        return ['completed', 'failed', 'cancelled'].includes(status.state) ? status : undefined;
      },
      60_000,
      50,
    );
  const submit = async (body: object, key?: string): Promise<string> => {
    const req = http().post('/predict/batch');
    if (key !== undefined) req.set('Idempotency-Key', key);
    return ((await req.send(body).expect(202)).body as { job_id: string }).job_id;
  };
  const csvOf = async (path: string): Promise<request.Response> => http().get(path).expect(200);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), `fc-jobs-${mode}-`));
    app = await startApp({
      startup: { enabled: true },
      data: {
        dir: join(root, 'data'),
        demo: { items: 120, days: 420, start: '2022-01-01', seed: 11, lang: 'en' },
        watchIntervalSec: 0,
      },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      forecasting: { defaultModel: 'ets', backtest: { windows: 2, refitEvery: 1 }, horizon: 14 },
      // 120 items, so the full result is over the inline limit; the tiny demo's coverage needs a wider band.
      registry: { gates: { coverageBand: [0.5, 0.95] } },
      auth: { adminApiKey: KEY },
      ...(mode === 'bullmq' ? { queue: { redisUrl: TEST_REDIS_URL }, jobs: { prefix } } : {}),
    });
    await app.get(FirstStartService).settled();
    await app.get(ServedModelsService).whenLoaded();
    expect(app.get<JobQueue>(JOB_QUEUE).mode).toBe(mode);
    const panel = app.get(DatasetService).panel;
    if (!panel) throw new Error('no panel');
    lastDate = panel.dates[panel.dates.length - 1];
    const model = app.get(ServedModelsService).served('quantity');
    if (!model)
      throw new Error(
        `no quantity model served: ${JSON.stringify(app.get(FirstStartService).state)}`,
      );
    items = [...model.cache.keys()].sort();
    unforecastable = panel.seriesIds.filter((id) => !model.cache.has(id)).sort();
  }, 180_000);
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
    if (mode === 'bullmq') await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
  });

  it('forecasts every item: status with a summary, the result as JSON and as the same CSV', async () => {
    const jobId = await submit({ all: true });
    const status = await completed(jobId);
    const prodId = app.get(ServedModelsService).served('quantity')?.id;
    expect(status).toMatchObject({
      job_id: jobId,
      name: 'batch-predict',
      state: 'completed',
      progress: 100,
      error: null,
      result_url: `/predict/jobs/${jobId}/result`,
      summary: {
        model_version: prodId,
        target: 'quantity',
        horizon: 14,
        cutoff: lastDate,
        series_count: items.length,
      },
    });
    expect(status.summary?.missing.slice().sort()).toEqual(unforecastable);

    // 14 days of ~60 forecastable items (of 120) are over the inline limit: the job holds a pointer to the stored result.
    const detail = (await admin(http().get(`/admin/jobs/${jobId}`)).expect(200)).body as JobDetail;
    expect(detail.result).toBeNull();
    expect(detail.result_pointer).toBe(`jobs/batch-predict/${jobId}/result.json`);

    const res = await http().get(`/predict/jobs/${jobId}/result`).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const json = res.body as BatchResult;
    expect(json).toMatchObject({
      job_id: jobId,
      model_version: prodId,
      target: 'quantity',
      horizon: 14,
      cutoff: lastDate,
      missing: status.summary?.missing,
    });
    expect(json.forecasts.map((f) => f.item_code).sort()).toEqual(items);
    for (const f of json.forecasts) {
      expect(f.forecast).toHaveLength(14);
      expect(f.forecast[0].date).toBe(addDays(lastDate, 1));
      expect(f.forecast[13].date).toBe(addDays(lastDate, 14));
      for (const p of f.forecast) expect(p.p10).toBeLessThanOrEqual(p.p90);
    }
    // The same numbers as the served forecast cache of the prod model.
    const served = (await http().get(`/forecasts/${items[3]}?horizon=14`).expect(200)).body as {
      forecast: Point[];
    };
    expect(json.forecasts.find((f) => f.item_code === items[3])?.forecast).toEqual(served.forecast);

    const csv = await csvOf(`/predict/jobs/${jobId}/result?format=csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="forecast-${jobId}.csv"`);
    const parsed = parseCsv(asText(csv));
    expect(parsed.header).toBe('item_code,date,mean,p10,p50,p90');
    expect(parsed.count).toBe(items.length * 14);
    for (const f of json.forecasts) expect(parsed.rows.get(f.item_code)).toEqual(f.forecast);

    // Status polls do not read the stored result again: with it gone, the summary is still there,
    // while the result itself cannot be read any more.
    rmSync(join(root, 'models', detail.result_pointer ?? ''));
    const again = (await http().get(`/predict/jobs/${jobId}`).expect(200)).body as BatchStatus;
    expect(again.summary).toEqual(status.summary);
    const gone = await http().get(`/predict/jobs/${jobId}/result`).expect(500);
    expect(gone.body.error).toBe('job_result_unavailable');
  });

  it('forecasts some items from a date, CSV by default, naming the items it does not know', async () => {
    const date = addDays(lastDate, -9);
    const jobId = await submit({
      item_codes: [items[0], 'no-such-item', items[1]],
      date,
      horizon: 5,
      format: 'csv',
    });
    const status = await completed(jobId);
    expect(status.summary).toMatchObject({
      horizon: 5,
      cutoff: addDays(lastDate, -10),
      series_count: 2,
      missing: ['no-such-item'],
    });
    // Small: the result stays inline in the job.
    const detail = (await admin(http().get(`/admin/jobs/${jobId}`)).expect(200)).body as JobDetail;
    expect(detail.result_pointer).toBeNull();
    expect(detail.result).toMatchObject({ seriesCount: 2, missing: ['no-such-item'] });

    const csv = await csvOf(`/predict/jobs/${jobId}/result`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const parsed = parseCsv(asText(csv));
    expect(parsed.count).toBe(2 * 5);
    expect([...parsed.rows.keys()].sort()).toEqual([items[0], items[1]].sort());

    const json = (await http().get(`/predict/jobs/${jobId}/result?format=json`).expect(200))
      .body as BatchResult;
    expect(json.missing).toEqual(['no-such-item']);
    expect(json.cutoff).toBe(addDays(lastDate, -10));
    for (const f of json.forecasts) {
      expect(f.forecast.map((p) => p.date)).toEqual([0, 1, 2, 3, 4].map((i) => addDays(date, i)));
      expect(parsed.rows.get(f.item_code)).toEqual(f.forecast);
    }
  });

  it('gives a finished job back for its Idempotency-Key; cancelling it says finished', async () => {
    const key = `flow-${prefix}`;
    const jobId = await submit({ item_codes: [items[2]], horizon: 3 }, key);
    await completed(jobId);
    const again = await http()
      .post('/predict/batch')
      .set('Idempotency-Key', key)
      .send({ item_codes: [items[2]], horizon: 3 })
      .expect(202);
    expect(again.body).toMatchObject({ job_id: jobId, deduplicated: true });
    await http()
      .post('/predict/batch')
      .set('Idempotency-Key', key)
      .send({ item_codes: [items[2]], horizon: 4 })
      .expect(409);
    expect((await admin(http().delete(`/admin/jobs/${jobId}`)).expect(200)).body).toEqual({
      job_id: jobId,
      outcome: 'finished',
    });
    const done = (await admin(http().get('/admin/jobs?state=completed&name=batch-predict')))
      .body as { jobs: { job_id: string }[] };
    expect(done.jobs.map((j) => j.job_id)).toContain(jobId);
  });

  it('refuses a model that does not exist at submission: 400 naming model, no job queued', async () => {
    const before = (await admin(http().get('/admin/jobs?name=batch-predict')).expect(200)).body as {
      jobs: unknown[];
    };
    const res = await http()
      .post('/predict/batch')
      .send({ model: 'no-such-alias', horizon: 3 })
      .expect(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', details: [{ field: 'model' }] });
    expect((res.body as { message: string }).message).toContain('no-such-alias');
    const after = (await admin(http().get('/admin/jobs?name=batch-predict')).expect(200)).body as {
      jobs: unknown[];
    };
    expect(after.jobs).toHaveLength(before.jobs.length);
    await http().post('/predict/batch').send({ model: 'prod', horizon: 3 }).expect(202);
  });

  it("refuses at submission a horizon past the model's and a date outside the data: 400 forecast_out_of_range, no job queued", async () => {
    const count = async (): Promise<number> =>
      (
        (await admin(http().get('/admin/jobs?name=batch-predict&limit=500')).expect(200)).body as {
          jobs: unknown[];
        }
      ).jobs.length;
    const before = await count();
    const prodId = app.get(ServedModelsService).served('quantity')?.id ?? '';
    const firstDate = app.get(DatasetService).panel?.dates[0] ?? '';
    const refused = async (body: object, field: string, words: string[]): Promise<void> => {
      const res = await http().post('/predict/batch').send(body);
      const env = res.body as { error: string; message: string; details: { field: string } };
      expect({ body, status: res.status, error: env.error, field: env.details.field }).toEqual({
        body,
        status: 400,
        error: 'forecast_out_of_range',
        field,
      });
      for (const word of words) expect(env.message).toContain(word);
    };
    // The prod model forecasts 14 days, whether it is named or the default.
    await refused({ all: true, horizon: 15 }, 'horizon', ['14', prodId]);
    await refused({ model: 'prod', item_codes: [items[0]], horizon: 30 }, 'horizon', ['14']);
    // The first forecast day is the day after a cutoff within the data.
    await refused({ all: true, date: addDays(lastDate, 2) }, 'date', [addDays(lastDate, 1)]);
    await refused({ all: true, date: firstDate }, 'date', [addDays(firstDate, 1)]);
    await refused({ all: true, date: '2031-01-01' }, 'date', ['2031-01-01']);
    expect(await count()).toBe(before);
    // Both ends of the data are fine.
    for (const body of [
      { item_codes: [items[0]], date: addDays(lastDate, 1), horizon: 14 },
      { item_codes: [items[0]], date: addDays(firstDate, 1), horizon: 1 },
    ])
      expect((await completed(await submit(body))).state).toBe('completed');
  });
});
