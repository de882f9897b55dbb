import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config/config.loader.js';
import { ensureDemoData, loadDataset } from '../src/data/dataset.loader.js';
import { initTfBackend } from '../src/forecasting/tf/tf-backend.js';
import { JOB_CATALOG } from '../src/jobs/job-catalog.js';
import { createJobQueue } from '../src/jobs/job-queue.factory.js';
import type { JobQueue, JobView } from '../src/jobs/job-queue.port.js';
import { loadJobResult } from '../src/jobs/job-result.pointer.js';
import { defaultJobsConfig } from '../src/config/jobs.config.js';
import { forecastWithModel } from '../src/jobs/processors/model-forecasts.js';
import type { ModelVersion } from '../src/registry/model-manifest.schema.js';
import { buildStandaloneRegistry } from '../src/registry/registry.builder.js';
import { createArtifactStore } from '../src/storage/artifact-store.factory.js';
import type { BenchSection } from './bench-report.js';

const WORKER = fileURLToPath(new URL('../src/worker.js', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SMALL_JOBS = Number(process.env.FRESHCAST_BENCH_SMALL_JOBS ?? 1000);
const REPEATS = 5;

function log(line: string): void {
  process.stderr.write(`[jobs] ${line}\n`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A worker process (dist/src/worker.js) on the bench's Redis prefix, data and store; resolves once it takes jobs. */
function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer): void => {
      out += c.toString();
      if (out.includes('jobs use Redis')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`worker exited with ${code}: ${out.slice(-2000)}`)),
    );
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Resolves with the job once it is completed (fails on a failed job). */
async function finished(queue: JobQueue, id: string): Promise<JobView> {
  for (;;) {
    const v = await queue.get(id);
    if (v?.state === 'completed') return v;
    if (v?.state === 'failed' || v?.state === 'cancelled') throw new Error(`${id}: ${v.error}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const jobsBench = {
  name: 'jobs',
  summary:
    'BullMQ jobs end to end with worker processes: batch forecast of every item (submit → process → fetch) vs the same forecast in-process, and 1,000 small jobs with 1 vs 2 workers',
  async run(): Promise<BenchSection[]> {
    const root = await mkdtemp(join(tmpdir(), 'fc-bench-jobs-'));
    const prefix = `bench-jobs-${process.pid}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      FRESHCAST_ROLE: 'worker',
      REDIS_URL,
      FRESHCAST_JOBS__PREFIX: prefix,
      FRESHCAST_DATA_DIR: join(root, 'data'),
      FRESHCAST_STORAGE: 'disk',
      FRESHCAST_STORAGE__DISK__ROOT: join(root, 'models'),
    };
    const config = loadConfig({
      env: { NODE_ENV: 'production' },
      overrides: {
        data: { dir: env.FRESHCAST_DATA_DIR },
        storage: { driver: 'disk', disk: { root: env.FRESHCAST_STORAGE__DISK__ROOT } },
        queue: { redisUrl: REDIS_URL },
      },
    });
    await initTfBackend(config.forecasting.backend);
    const found = await ensureDemoData(config.data.dir, config.data.demo);
    const panel = (await loadDataset({ data: found.dir })).panel;
    if (!panel) throw new Error('the demo data has errors');
    const store = createArtifactStore(config.storage);
    const standalone = buildStandaloneRegistry(config, { store });
    const registry = standalone.registry;
    const queue = await createJobQueue({
      redisUrl: REDIS_URL,
      catalog: JOB_CATALOG,
      settings: { ...defaultJobsConfig(), prefix },
      logger: new Logger('BenchQueue'),
    });
    const workers: ChildProcess[] = [];
    try {
      workers.push(await startWorker(env));
      log(`training linear on ${panel.seriesIds.length} items through a train job`);
      const train = await queue.add('train', { kinds: ['linear'], backtestWindows: 1 });
      const trained = await finished(queue, train.id);
      if (trained.name !== 'train' || !trained.result?.promoted)
        throw new Error(`the bench model was not promoted: ${JSON.stringify(trained.result)}`);
      const linear = await registry.resolve('quantity', 'prod');
      log('training lstm (10 s budget, not promoted) for the model-run rows of the default kind');
      const lstmJob = await queue.add('train', {
        kinds: ['lstm'],
        backtestWindows: 1,
        timeBudgetSec: 10,
        promote: false,
      });
      const lstmView = await finished(queue, lstmJob.id);
      if (lstmView.name !== 'train' || !lstmView.result) throw new Error('lstm was not trained');
      const lstm = await registry.get(lstmView.result.modelVersion);
      const items = panel.seriesIds.length;
      const cutoffBefore = panel.dates[panel.dates.length - 2];

      const inProcess = async (
        version: ModelVersion,
        cutoff: string | undefined,
      ): Promise<number> => {
        const t0 = performance.now();
        const { forecasts } = await forecastWithModel({ registry, store }, version, panel, {
          cutoff,
        });
        if (forecasts.length === 0) throw new Error('no forecasts');
        return performance.now() - t0;
      };
      const endToEnd = async (
        version: ModelVersion,
        cutoff: string | undefined,
      ): Promise<number> => {
        const t0 = performance.now();
        const { id } = await queue.add('batch-predict', { model: version.id, horizon: 28, cutoff });
        const view = await finished(queue, id);
        const result =
          view.result ??
          (view.resultPointer ? await loadJobResult(store, { pointer: view.resultPointer }) : null);
        if (!result) throw new Error('no result');
        return performance.now() - t0;
      };
      const rows: (string | number)[][] = [];
      for (const [label, version, cutoff] of [
        ['linear, from the saved forecast cache (cutoff = last date)', linear, undefined],
        ['linear, model run (cutoff = day before)', linear, cutoffBefore],
        ['lstm, model run (cutoff = day before)', lstm, cutoffBefore],
      ] as const) {
        await endToEnd(version, cutoff); // warm-up: the worker's first load
        const e2e: number[] = [];
        const direct: number[] = [];
        for (let i = 0; i < REPEATS; i++) {
          e2e.push(await endToEnd(version, cutoff));
          direct.push(await inProcess(version, cutoff));
        }
        const [m, d] = [median(e2e), median(direct)];
        rows.push([label, `${items} × 28`, m / 1000, d / 1000, (m / d).toFixed(2) + '×']);
        log(`${label}: ${m.toFixed(0)} ms end to end, ${d.toFixed(0)} ms in-process`);
      }

      const small = async (workerCount: number): Promise<number> => {
        while (workers.length < workerCount) workers.push(await startWorker(env));
        const done = new Set<string>();
        let resolveAll: () => void = () => undefined;
        const all = new Promise<void>((r) => (resolveAll = r));
        const ids = new Set<string>();
        const off = await queue.onEvent((e) => {
          if (e.type === 'completed' && ids.has(e.id)) {
            done.add(e.id);
            if (done.size === SMALL_JOBS) resolveAll();
          }
          if (e.type === 'failed' && ids.has(e.id)) log(`small job failed: ${e.error}`);
        });
        const t0 = performance.now();
        for (let i = 0; i < SMALL_JOBS; i += 50) {
          const batch = Array.from({ length: Math.min(50, SMALL_JOBS - i) }, (_, k) =>
            queue.add('batch-predict', {
              seriesIds: [panel.seriesIds[(i + k) % items]],
              horizon: 7,
            }),
          );
          for (const { id } of await Promise.all(batch)) ids.add(id);
        }
        await all;
        const seconds = (performance.now() - t0) / 1000;
        off();
        log(
          `${SMALL_JOBS} small jobs with ${workerCount} worker(s): ${(SMALL_JOBS / seconds).toFixed(0)} jobs/s`,
        );
        return SMALL_JOBS / seconds;
      };
      const one = await small(1);
      const two = await small(2);

      return [
        {
          title: 'Batch forecast of every item through BullMQ (worker process, real Redis)',
          headers: [
            'path',
            'items × days',
            'end to end (s)',
            'same forecast in-process (s)',
            'ratio',
          ],
          rows,
          notes: [
            `median of ${REPEATS} after a warm-up; end to end = submit → a worker process runs batch-predict → poll completed → read the result (${items} series, stored behind a pointer) from the artifact store`,
            'models: linear (ridge) trained and promoted by a train job at the start of the bench, and lstm (the default kind) trained with a 10 s budget by a second train job; the model run loads the model from the store and forecasts every item; target: ≤ 2 s end to end',
            'in-process = forecastWithModel in the bench process on the same panel and store (no queue): the cost of the work itself',
          ],
        },
        {
          title: `${SMALL_JOBS.toLocaleString('en-US')} small jobs (batch-predict of one item, 7 days, from the saved cache)`,
          headers: ['worker processes', 'jobs/s', 'vs 1 worker'],
          rows: [
            [1, one, '1.00×'],
            [2, two, (two / one).toFixed(2) + '×'],
          ],
          notes: [
            'submitted 50 at a time by the bench process; completion counted from BullMQ queue events; batch-predict concurrency 2 per worker (JOB_OPTIONS)',
            'the bench process, Redis and the workers share the same cores, so a second worker on a 2-core machine adds less than on a real second machine',
          ],
        },
      ];
    } finally {
      await Promise.all(workers.map(stopWorker));
      await queue.close();
      await standalone.close();
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await rm(root, { recursive: true, force: true });
    }
  },
};
