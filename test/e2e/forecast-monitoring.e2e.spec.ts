import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFile } from 'node:fs/promises';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/cli.runner.js';
import {
  monitorAccuracyCommand,
  monitorDriftCommand,
} from '../../src/cli/commands/monitor.commands.js';
import { addDays } from '../../src/data/dates.js';
import type { SeriesPanel } from '../../src/data/series-panel.js';
import { JOB_QUEUE, type JobQueue } from '../../src/jobs/job-queue.port.js';
import { ForecastMonitoringService } from '../../src/monitoring/forecast-monitoring.service.js';
import { readForecastLog } from '../../src/monitoring/forecast-log/forecast-log.store.js';
import { ModelRegistryService } from '../../src/registry/model-registry.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../../src/storage/artifact-store.js';
import { PredictionService } from '../../src/serving/prediction.service.js';
import { CandidateRouterService } from '../../src/serving/candidate-router.service.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { DatasetService } from '../../src/data/dataset.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { registerTrainedModel } from '../../src/training/model-registration.js';
import { trainModel } from '../../src/training/model-trainer.js';
import { startApp } from '../helpers/test-app.factory.js';

const KEY = 'monitoring-admin-key';

interface Hook {
  path: string;
  body: Record<string, unknown>;
}

/** A real local webhook server recording every request it receives. */
async function webhookServer(): Promise<{ server: Server; url: string; received: Hook[] }> {
  const received: Hook[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, received };
}

/** The panel with its quantity column tripled: a model trained on it forecasts ≈ 3× too much. */
function tripled(panel: SeriesPanel): SeriesPanel {
  const columns = new Map(panel.columns);
  columns.set(
    'quantity',
    (panel.columns.get('quantity') ?? new Float32Array()).map((v) => v * 3),
  );
  return { ...panel, columns };
}

interface Row {
  window_days: number;
  model_version: string;
  horizon_bucket: string;
  category: string;
  points: number;
  scored_days: number;
  wape: number;
  bias: number;
  coverage: number;
}

describe('forecast monitoring end to end: actuals, live accuracy, alerts, canary verdict', () => {
  let root: string;
  let app: NestFastifyApplication;
  let http: ReturnType<typeof request>;
  let hooks: Awaited<ReturnType<typeof webhookServer>>;
  let prodId: string;
  let canaryId: string;
  let lastDate: string;
  let prodP50: Map<string, number[]>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-monitor-'));
    hooks = await webhookServer();
    app = await startApp({
      startup: { enabled: true },
      auth: { adminApiKey: KEY },
      data: {
        dir: join(root, 'data'),
        demo: { items: 30, days: 240, start: '2022-01-01', seed: 5, lang: 'en' },
      },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      forecasting: { defaultModel: 'ets', backtest: { windows: 2, refitEvery: 1 }, horizon: 14 },
      monitoring: {
        forecastLog: { onDemand: { enabled: true, flushSec: 3600 } },
        windows: [7, 28],
        canary: { minScoredDays: 3, maxDegradation: 0.2 },
        alerts: {
          webhooks: [
            { url: `${hooks.url}/generic?token=secret`, format: 'json' },
            { url: `${hooks.url}/slack`, format: 'slack' },
          ],
          cooldownSec: 3600,
          retryDelayMs: 10,
          rules: { staleData: { enabled: false } },
        },
      },
    });
    await app.get(FirstStartService).settled();
    const serving = app.get(ServedModelsService);
    await serving.whenLoaded();
    const prod = serving.served('quantity');
    const panel = app.get(DatasetService).panel;
    if (!prod || !panel) throw new Error('nothing served');
    prodId = prod.id;
    lastDate = panel.dates[panel.dates.length - 1];
    prodP50 = new Map([...prod.cache].map(([id, f]) => [id, f.quantiles.p50]));
    // The deliberately worse model: trained on three times the demand.
    const outcome = await trainModel({
      panel: tripled(panel),
      target: 'quantity',
      kind: 'seasonal-naive',
      horizon: 14,
      backtest: false,
    });
    const { version } = await registerTrainedModel(app.get(ModelRegistryService), outcome, {
      actor: 'test',
    });
    outcome.forecaster.dispose();
    canaryId = version.id;
    http = request(app.getHttpServer());
    await http
      .put('/serving/candidate')
      .set('x-api-key', KEY)
      .send({ model_id: canaryId, mode: 'canary', share: 0.5 })
      .expect(200);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await new Promise((r) => hooks.server.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  /** Actuals for horizon days `from..to`: 5 % above prod's P50, rounded as the forecast log keeps it. */
  const actualRows = (from: number, to: number) =>
    [...prodP50].flatMap(([id, p50]) =>
      Array.from({ length: to - from + 1 }, (_, i) => ({
        unique_id: id,
        ds: addDays(lastDate, from + i),
        y: (Math.round(p50[from + i - 1] * 1000) / 1000) * 1.05,
      })),
    );

  async function runJob(name: 'score-accuracy' | 'check-drift'): Promise<void> {
    const jobs = app.get<JobQueue>(JOB_QUEUE);
    const { id } = await jobs.add(name, {});
    for (;;) {
      const job = await jobs.get(id);
      if (job?.state === 'completed') break;
      if (job?.state === 'failed') throw new Error(job.error ?? `${name} failed`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setImmediate(r));
    await app.get(ForecastMonitoringService).settled();
  }

  it('stores posted actuals once per item-day and rejects a malformed batch whole', async () => {
    const rows = actualRows(1, 4);
    await http.post('/data/actuals').send({ rows }).expect(401);
    const first = await http.post('/data/actuals').set('x-api-key', KEY).send({ rows }).expect(200);
    expect(first.body).toMatchObject({
      stored: [{ target: 'quantity', rows: rows.length, changed: rows.length, unchanged: 0 }],
      report: { summary: { ok: true } },
    });
    const again = await http.post('/data/actuals').set('x-api-key', KEY).send({ rows }).expect(200);
    expect(again.body).toMatchObject({ stored: [{ changed: 0, unchanged: rows.length }] });
    // A bad date and a conflicting repeat: the report says why, and not even the good row is kept.
    const day9 = addDays(lastDate, 9);
    const bad = await http
      .post('/data/actuals')
      .set('x-api-key', KEY)
      .send({
        rows: [
          { unique_id: rows[0].unique_id, ds: day9, y: 1 },
          { unique_id: rows[0].unique_id, ds: '2023-13-45', y: 2 },
          { unique_id: rows[1].unique_id, ds: day9, y: 1 },
          { unique_id: rows[1].unique_id, ds: day9, y: 3 },
        ],
      })
      .expect(422);
    expect(bad.body).toMatchObject({
      error: 'invalid_actuals',
      details: { report: { summary: { ok: false } } },
    });
    await http
      .post('/data/actuals')
      .set('x-api-key', KEY)
      .send({ rows: [{ unique_id: 'x', ds: day9, y: 'many' }] })
      .expect(400);
    // The same actuals as a CSV upload change nothing either.
    const csv = ['unique_id,ds,y', ...rows.map((r) => `${r.unique_id},${r.ds},${r.y}`)].join('\n');
    const upload = await http
      .post('/data/actuals')
      .set('x-api-key', KEY)
      .attach('file', Buffer.from(csv), 'actuals.csv')
      .expect(200);
    expect(upload.body).toMatchObject({ stored: [{ changed: 0, unchanged: rows.length }] });
  });

  it('scores the logged forecasts, alerts once per rule and subject, and ends the worse canary', async () => {
    await runJob('score-accuracy');
    const acc = await http.get('/monitoring/accuracy?window=7').expect(200);
    const report = (acc.body as { reports: { as_of: string; rows: Row[]; prod_model: string }[] })
      .reports[0];
    expect(report.as_of).toBe(addDays(lastDate, 4));
    expect(report.prod_model).toBe(prodId);
    const overall = (id: string) =>
      report.rows.find(
        (r) => r.model_version === id && r.horizon_bucket === 'all' && r.category === 'all',
      );
    const prod = overall(prodId);
    // y = 1.05 · P50 everywhere: |P50 − y| / y = 0.05 / 1.05 on every point, answered to 4 decimals.
    expect(prod?.wape).toBe(0.0476);
    expect(prod?.bias).toBe(-0.0476);
    expect(prod?.points).toBe(prodP50.size * 4);
    expect(prod?.scored_days).toBe(4);
    const canary = overall(canaryId);
    expect(canary?.wape).toBeGreaterThan((0.05 / 1.05) * 1.2);
    expect(report.rows.some((r) => r.horizon_bucket === '1' && r.category !== 'all')).toBe(true);

    // The canary was judged on the same actuals, ended, and the verdict is in the registry history.
    expect(app.get(CandidateRouterService).candidate('quantity')).toBeNull();
    const history = await app.get(ModelRegistryService).history('quantity', { id: canaryId });
    const verdict = history.entries.find((e) => e.action === 'canary');
    expect(verdict?.reason).toMatch(/^canary ended: .* worse than prod/);
    expect(verdict?.live).toMatchObject({
      decision: 'rollback',
      prod_model: prodId,
      scored_days: 4,
    });

    // Each alert went once to each webhook; the generic one got the JSON alert.
    const alerts = (await http.get('/monitoring/alerts').expect(200)).body as {
      alerts: { rule: string; subject: string; deliveries: { ok: boolean }[] }[];
    };
    expect(alerts.alerts.length).toBeGreaterThan(0);
    expect(hooks.received).toHaveLength(alerts.alerts.length * 2);
    const coverage = hooks.received.find(
      (h) => h.path === '/generic?token=secret' && h.body.rule === 'coverage',
    );
    expect(coverage?.body).toMatchObject({
      type: 'freshcast.alert',
      subject: `quantity/${prodId}`,
    });
    expect(
      hooks.received
        .filter((h) => h.path === '/slack')
        .every((h) => typeof h.body.text === 'string'),
    ).toBe(true);
    for (const a of alerts.alerts) expect(a.deliveries.map((d) => d.ok)).toEqual([true, true]);

    // A day later the same rules hold, but within the cooldown nothing is sent again.
    await http
      .post('/data/actuals')
      .set('x-api-key', KEY)
      .send({ rows: actualRows(5, 5) })
      .expect(200);
    const before = hooks.received.length;
    await runJob('score-accuracy');
    expect(hooks.received).toHaveLength(before);
    const metrics = (await http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(
      new RegExp(
        `freshcast_live_wape\\{target="quantity",model_version="${prodId}",window_days="7",horizon_bucket="all"\\} 0\\.047`,
      ),
    );
  });

  it('checks drift against the reference the prod model stored at training, and reports it', async () => {
    const prod = await app.get(ModelRegistryService).get(prodId);
    expect(prod.state.reference).toMatchObject({ schema: 1, to: lastDate });
    await runJob('check-drift');
    const drift = (await http.get('/monitoring/drift').expect(200)).body as {
      reports: {
        model_version: string;
        features: { feature: string; psi: number }[];
        predictions: { psi: number } | null;
      }[];
    };
    const [report] = drift.reports;
    expect(report.model_version).toBe(prodId);
    expect(report.features.map((f) => f.feature)).toEqual(
      expect.arrayContaining(['quantity', 'price', 'wholesale']),
    );
    for (const f of report.features) expect(f.psi).toBeGreaterThanOrEqual(0);
    // The newest logged forecasts are the ones made at training's end: no prediction drift.
    expect(report.predictions?.psi).toBeLessThan(0.1);
  });

  it('shows accuracy and drift on the command line, with a self-contained HTML report', async () => {
    const env = { NODE_ENV: 'test', FRESHCAST_STORAGE__DISK__ROOT: join(root, 'models') };
    const commands = [monitorAccuracyCommand({ env }), monitorDriftCommand({ env })];
    const io = memoryIo();
    expect(await runCli(['monitor', 'accuracy', '--window', '7'], commands, io)).toBe(0);
    expect(io.stdout).toContain(`${prodId} (prod)`);
    expect(io.stdout).toMatch(/model\s+window\s+horizon\s+category\s+points\s+wape/);
    const html = join(root, 'drift.html');
    const io2 = memoryIo();
    expect(await runCli(['monitor', 'drift', '--html', html], commands, io2)).toBe(0);
    expect(io2.stdout).toContain(prodId);
    const page = await readFile(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/(src|href)=/);
    const io3 = memoryIo();
    expect(await runCli(['monitor', 'accuracy', '--window', 'x'], commands, io3)).toBe(2);
  });

  it('alerts once when a job fails three times in a row', async () => {
    const jobs = app.get<JobQueue>(JOB_QUEUE);
    const before = hooks.received.length;
    for (let i = 0; i < 4; i++) {
      // A cutoff outside the data: a permanent failure, no retry.
      const { id } = await jobs.add('batch-predict', { cutoff: '1999-01-01' });
      for (;;) {
        const job = await jobs.get(id);
        if (job?.state === 'failed') break;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    await new Promise((r) => setImmediate(r));
    await app.get(ForecastMonitoringService).settled();
    const sent = hooks.received.slice(before);
    // The third failure fires; the fourth is within the cooldown. One alert, to both webhooks.
    expect(sent.map((h) => h.path).sort()).toEqual(['/generic?token=secret', '/slack']);
    expect(sent.find((h) => h.path !== '/slack')?.body).toMatchObject({
      rule: 'job-failures',
      severity: 'critical',
      subject: 'batch-predict',
    });
  });

  it('logs on-demand answers when configured, for scoring like the cache', async () => {
    const history = Array.from({ length: 60 }, (_, i) => ({
      date: addDays(lastDate, i - 59),
      value: 10 + (i % 7),
    }));
    const answer = await http
      .post('/predict')
      .send({ item_code: 'walk-in-1', history, horizon: 3 })
      .expect(200);
    const body = answer.body as { model_version: string; forecast: { p50: number }[] };
    const p50 = body.forecast.map((p) => p.p50);
    await app.get(PredictionService).onDemandLog?.flush();
    const logged = await readForecastLog(
      app.get<ArtifactStore>(ARTIFACT_STORE),
      'quantity',
      lastDate,
    );
    const mine = logged.find((f) => f.seriesId === 'walk-in-1');
    // The model that answered (prod, or the canary while it runs) is the one logged.
    expect([prodId, canaryId]).toContain(body.model_version);
    expect(mine?.modelVersion).toBe(body.model_version);
    expect(mine?.p50.slice(0, 3)).toEqual(p50.map((v) => Math.round(v * 1000) / 1000));
  });
});
