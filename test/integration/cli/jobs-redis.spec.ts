import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { jobCommands } from '../../../src/cli/commands/jobs.commands.js';
import { loadConfig } from '../../../src/config/config.loader.js';
import { JOB_CATALOG } from '../../../src/jobs/job-catalog.js';
import type { BatchPredictResult } from '../../../src/jobs/job-payloads.js';
import { createJobQueue } from '../../../src/jobs/job-queue.factory.js';
import type { JobSystem } from '../../../src/jobs/job-queue.port.js';
import { storeJobResult } from '../../../src/jobs/job-result.pointer.js';
import { PermanentJobError } from '../../../src/jobs/job.errors.js';
import { jobsConfigOf } from '../../../src/jobs/jobs-runtime.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../../helpers/redis.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** What a batch-predict processor of this test returns: two days of made-up numbers per item. */
function fakeForecasts(items: string[], cutoff: string): BatchPredictResult {
  return {
    modelVersion: 'quantity-ets-test',
    target: 'quantity',
    horizon: 2,
    cutoff,
    seriesCount: items.length,
    missing: [],
    forecasts: items.map((seriesId, i) => ({
      seriesId,
      dates: ['2026-11-29', '2026-11-30'],
      mean: [i + 1, i + 2],
      quantiles: { p10: [i, i + 1], p50: [i + 1, i + 2], p90: [i + 2, i + 3] },
    })),
  };
}

describe('freshcast jobs … straight on Redis (real Redis, submit-only queue)', () => {
  const prefix = uniquePrefix('cli-jobs');
  let root: string;
  let env: NodeJS.ProcessEnv;

  const run = async (...argv: string[]) => {
    const io = memoryIo();
    const code = await runCli(argv, jobCommands({ env }), io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const submitted = (res: { stdout: string }) => res.stdout.trim();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'freshcast-cli-jobs-'));
    env = {
      NODE_ENV: 'test',
      REDIS_URL: TEST_REDIS_URL,
      FRESHCAST_JOBS__PREFIX: prefix,
      FRESHCAST_STORAGE__DISK__ROOT: root,
    };
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a retrain with tuned params from an unknown job or when no tune finished', async () => {
    const unknown = await run('jobs', 'retrain', '--tune-job', 'no-such-job');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--tune-job: no job no-such-job');
    const latest = await run('jobs', 'retrain', '--tune-job', 'latest', '--models', 'linear');
    expect(latest.code).toBe(1);
    expect(latest.stderr).toContain('no finished tune job with a best trial for linear');
    const two = await run('jobs', 'retrain', '--tune-job', 'latest', '--models', 'linear,ets');
    expect(two.code).toBe(2);
  });

  it('queues a retrain, shows it, deduplicates by idempotency key and cancels it', async () => {
    const res = await run(
      'jobs',
      'retrain',
      '--target',
      'price',
      '--models',
      'ets,mlp',
      '--time-budget',
      '30',
      '--no-promote',
      '--idempotency-key',
      'nightly-1',
    );
    expect(res.code).toBe(0);
    const id = submitted(res);
    expect(id).toMatch(/^train\.k-[0-9a-f]{40}$/);
    expect(res.stderr).toContain(`queued train job ${id} (Redis at ${TEST_REDIS_URL})`);
    expect(res.stderr).toContain(`follow it with: freshcast jobs show ${id}`);

    const shown = await run('jobs', 'show', id, '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      job_id: id,
      name: 'train',
      state: 'waiting',
      progress: 0,
      attempts: 0,
      payload: { kinds: ['ets', 'mlp'], target: 'price', timeBudgetSec: 30, promote: false },
      result: null,
      error: null,
    });
    const human = await run('jobs', 'show', id);
    expect(human.stdout).toMatch(new RegExp(`^id\\s+${id.replace('.', '\\.')}$`, 'm'));
    expect(human.stdout).toMatch(/^state\s+waiting$/m);

    const again = await run(
      'jobs',
      'retrain',
      '--target',
      'price',
      '--models',
      'ets,mlp',
      '--time-budget',
      '30',
      '--no-promote',
      '--idempotency-key',
      'nightly-1',
    );
    expect(again.code).toBe(0);
    expect(submitted(again)).toBe(id);
    expect(again.stderr).toContain('already exists (same idempotency key): nothing new queued');

    const conflict = await run('jobs', 'retrain', '--idempotency-key', 'nightly-1');
    expect(conflict.code).toBe(1);
    // The conflict names no job: a key's job is only revealed to the request that made it.
    expect(conflict.stderr).toBe(
      'freshcast jobs retrain: This idempotency key was already used with a different request; use a new key\n',
    );

    const cancelled = await run('jobs', 'cancel', id);
    expect(cancelled).toEqual({
      code: 0,
      stdout: `job ${id}: cancelled (it had not started and never will)\n`,
      stderr: '',
    });
    const after = await run('jobs', 'show', id, '--json');
    expect(JSON.parse(after.stdout)).toMatchObject({ state: 'cancelled' });
    const twice = await run('jobs', 'cancel', id);
    expect(twice.stdout).toBe(`job ${id}: already finished: nothing to cancel\n`);

    const missing = await run('jobs', 'cancel', 'train.nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `freshcast jobs cancel: no job train.nope (Redis at ${TEST_REDIS_URL})\n`,
    );
    const unknown = await run('jobs', 'show', 'nothing-here');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no job nothing-here');
  });

  it('lists jobs newest first, filtered by name and state, as a table or JSON', async () => {
    const batch = submitted(
      await run('jobs', 'batch', '--items', 'A1,B2', '--horizon', '7', '--date', '2026-12-01'),
    );
    const train = submitted(await run('jobs', 'retrain', '--models', 'ets'));
    expect(batch).toMatch(/^batch-predict\./);

    const table = await run('jobs', 'list', '--state', 'waiting');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STATE\s+PROGRESS\s+ATTEMPTS\s+CREATED$/);
    const ids = lines.slice(1).map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual(expect.arrayContaining([batch, train]));
    expect(ids.indexOf(train)).toBeLessThan(ids.indexOf(batch));
    expect(
      lines
        .find((l) => l.startsWith(batch))
        ?.split(/\s{2,}/)
        .slice(1, 5),
    ).toEqual(['batch-predict', 'waiting', '0%', '0/3']);

    const json = await run('jobs', 'list', '--name', 'batch-predict', '--json');
    const parsed = JSON.parse(json.stdout) as { jobs: { job_id: string; payload: unknown }[] };
    expect(parsed.jobs.map((j) => j.job_id)).toEqual([batch]);
    expect(parsed.jobs[0].payload).toEqual({
      target: 'quantity',
      model: 'prod',
      seriesIds: ['A1', 'B2'],
      horizon: 7,
      cutoff: '2026-11-30', // --date is the first forecast day, as over HTTP
      format: 'json',
    });

    const one = await run('jobs', 'list', '--limit', '1', '--json');
    expect((JSON.parse(one.stdout) as { jobs: unknown[] }).jobs).toHaveLength(1);
    const cancelledOnly = await run('jobs', 'list', '--state', 'cancelled', '--json');
    const states = (JSON.parse(cancelledOnly.stdout) as { jobs: { state: string }[] }).jobs;
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((j) => j.state === 'cancelled')).toBe(true);

    const notDone = await run('jobs', 'result', batch);
    expect(notDone.code).toBe(1);
    expect(notDone.stderr).toBe(
      `freshcast jobs result: job ${batch} has no result: it is waiting\n`,
    );
    await run('jobs', 'cancel', batch);
    await run('jobs', 'cancel', train);
  });

  it('--redis URL works without REDIS_URL; an unreachable Redis is one clear line', async () => {
    const noEnvRedis = { ...env, REDIS_URL: undefined };
    const io = memoryIo();
    const code = await runCli(
      ['jobs', 'list', '--redis', TEST_REDIS_URL, '--name', 'train', '--state', 'cancelled'],
      jobCommands({ env: noEnvRedis }),
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/^ID\s+NAME/);

    const down = await run('jobs', 'list', '--redis', 'redis://127.0.0.1:1');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /^freshcast jobs list: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/,
    );
    expect(down.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  describe('with a worker processing batch-predict (a test processor)', () => {
    let worker: JobSystem;

    beforeAll(async () => {
      const config = loadConfig({ env });
      worker = await createJobQueue({
        redisUrl: TEST_REDIS_URL,
        catalog: JOB_CATALOG,
        settings: jobsConfigOf(config),
        logger: quiet,
      });
      const store = new DiskArtifactStore(root);
      worker.registerProcessor('batch-predict', async (ctx) => {
        const items = ctx.payload.seriesIds ?? ['ALL1', 'ALL2', 'ALL3'];
        if (items.includes('BAD')) throw new PermanentJobError('unknown item BAD');
        await ctx.progress(50, 'forecast');
        const result = fakeForecasts(items, ctx.payload.cutoff ?? '2026-11-28');
        // `--all` results go through the artifact store, as large results do.
        if (ctx.payload.seriesIds === undefined) {
          return storeJobResult(store, ctx.name, ctx.id, result);
        }
        return result;
      });
      await worker.startProcessing({ names: ['batch-predict'] });
    });
    afterAll(() => worker.close({ graceMs: 1000 }));

    it('batch --wait writes CSV to --out and says how many series', async () => {
      const out = join(root, 'forecast.csv');
      const res = await run(
        'jobs',
        'batch',
        '--items',
        'A1,B2',
        '--date',
        '2026-11-28',
        '--format',
        'csv',
        '--wait',
        '--out',
        out,
      );
      expect(res.code).toBe(0);
      const id = res.stdout.trim();
      expect(id).toMatch(/^batch-predict\./);
      expect(res.stderr).toMatch(/batch: done in \d+\.\ds completed/);
      expect(res.stderr).toContain(`batch job ${id}: forecasts for 2 series (csv) → ${out}`);
      expect((await readFile(out, 'utf8')).split('\n')).toEqual([
        'item_code,date,mean,p10,p50,p90',
        'A1,2026-11-29,1,0,1,2',
        'A1,2026-11-30,2,1,2,3',
        'B2,2026-11-29,2,1,2,3',
        'B2,2026-11-30,3,2,3,4',
        '',
      ]);
    });

    it('batch --all --wait prints JSON read from the result pointer; `jobs result` reads it again', async () => {
      const res = await run('jobs', 'batch', '--all', '--wait');
      expect(res.code).toBe(0);
      const [id, ...json] = res.stdout.split('\n');
      const body = JSON.parse(json.join('\n')) as Record<string, unknown>;
      expect(body).toMatchObject({
        job_id: id,
        model_version: 'quantity-ets-test',
        cutoff: '2026-11-28',
        missing: [],
      });
      expect(body.forecasts).toHaveLength(3);
      expect((body.forecasts as unknown[])[0]).toEqual({
        item_code: 'ALL1',
        forecast: [
          { date: '2026-11-29', mean: 1, p10: 0, p50: 1, p90: 2 },
          { date: '2026-11-30', mean: 2, p10: 1, p50: 2, p90: 3 },
        ],
      });
      expect(res.stderr).toContain(`forecasts for 3 series (json) → stdout`);

      const shown = JSON.parse((await run('jobs', 'show', id, '--json')).stdout) as {
        result: unknown;
        result_pointer: string;
      };
      expect(shown.result).toBeNull();
      expect(shown.result_pointer).toBe(`jobs/batch-predict/${id}/result.json`);

      const csv = await run('jobs', 'result', id, '--format', 'csv');
      expect(csv.code).toBe(0);
      expect(csv.stdout.split('\n')).toHaveLength(1 + 3 * 2 + 1);
      expect(csv.stdout.startsWith('item_code,date,mean,p10,p50,p90\nALL1,')).toBe(true);
    });

    it('batch --wait on a job that fails exits 1 with the job error', async () => {
      const res = await run('jobs', 'batch', '--items', 'A1,BAD', '--wait');
      expect(res.code).toBe(1);
      const id = res.stdout.trim();
      expect(res.stderr).toContain(`freshcast jobs batch: job ${id} failed: unknown item BAD\n`);
    });
  });
});
