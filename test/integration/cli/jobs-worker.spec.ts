import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { jobCommands } from '../../../src/cli/commands/jobs.commands.js';
import { pollUntil } from '../../fixtures/jobs/poll.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../../helpers/redis.js';

const REGISTER = pathToFileURL(resolve('test/fixtures/jobs/register-ts.mjs')).href;

interface Cli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `freshcast …` as a real process (the TypeScript sources through the test loader). */
function spawnCli(args: string[], env: NodeJS.ProcessEnv): Cli {
  const child = spawn(process.execPath, ['--import', REGISTER, resolve('src/cli.ts'), ...args], {
    env: { ...process.env, FRESHCAST_ROLE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  // A process that hangs fails its test instead of holding jest.
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      clearTimeout(guard);
      done(code);
    }),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

describe('freshcast worker (a real process)', () => {
  it('exits 1 with one clear line when there is no Redis, or it cannot be reached', async () => {
    const none = spawnCli(['worker', '--concurrency', '2'], { REDIS_URL: '', NODE_ENV: 'test' });
    const down = spawnCli(['worker'], { REDIS_URL: 'redis://127.0.0.1:1', NODE_ENV: 'test' });
    expect(await none.exited).toBe(1);
    expect(none.stderr()).toBe(
      'freshcast worker: a worker takes its jobs from Redis: set REDIS_URL (or queue.redisUrl ' +
        'in config/*.yaml); without Redis, `freshcast serve` runs the jobs itself\n',
    );
    expect(await down.exited).toBe(1);
    expect(down.stderr()).toMatch(
      /^freshcast worker: cannot reach Redis at redis:\/\/127\.0\.0\.1:1[^\n]*\n$/,
    );
  });

  it('Ctrl-C while waiting stops waiting (exit 130) and leaves the job queued', async () => {
    const prefix = uniquePrefix('cli-interrupt');
    const env = { NODE_ENV: 'test', REDIS_URL: TEST_REDIS_URL, FRESHCAST_JOBS__PREFIX: prefix };
    try {
      // No worker on this prefix: the job waits for ever.
      const cli = spawnCli(['jobs', 'retrain', '--models', 'ets', '--wait'], env);
      await pollUntil(
        'the wait to start',
        async () => cli.stderr().includes('waiting for a worker'),
        60_000,
        50,
      );
      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(130);
      const id = cli.stdout().trim();
      expect(id).toMatch(/^train\./);
      expect(cli.stderr()).toContain(
        `stopped waiting; job ${id} goes on. Follow it with: freshcast jobs show ${id}\n`,
      );
      const io = memoryIo();
      expect(await runCli(['jobs', 'show', id, '--json'], jobCommands({ env }), io)).toBe(0);
      expect(JSON.parse(io.stdout)).toMatchObject({ job_id: id, state: 'waiting' });
    } finally {
      await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
    }
  });

  describe('with Redis', () => {
    const prefix = uniquePrefix('cli-worker');
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let worker: Cli | undefined;

    const run = async (...argv: string[]) => {
      const io = memoryIo();
      const code = await runCli(argv, jobCommands({ env }), io);
      return { code, stdout: io.stdout, stderr: io.stderr };
    };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'freshcast-cli-worker-'));
      env = {
        NODE_ENV: 'test',
        REDIS_URL: TEST_REDIS_URL,
        FRESHCAST_JOBS__PREFIX: prefix,
        FRESHCAST_DATA_DIR: join(dir, 'data'),
        FRESHCAST_STORAGE__DISK__ROOT: join(dir, 'models'),
      };
    });
    afterAll(async () => {
      if (worker !== undefined && worker.child.exitCode === null) {
        worker.child.kill('SIGKILL');
        await worker.exited;
      }
      await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
      await rm(dir, { recursive: true, force: true });
    });

    it('starts, runs a retrain and a batch forecast submitted by the CLI, and stops on SIGTERM', async () => {
      const started = spawnCli(['worker', '--concurrency', '2'], env);
      worker = started;
      await pollUntil(
        'the worker to start',
        async () => started.stderr().includes('worker started') || started.child.exitCode !== null,
        90_000,
        100,
      );
      expect(started.child.exitCode).toBeNull();
      expect(started.stderr()).toContain('worker started (concurrency 2); stop it with Ctrl-C\n');

      // The real processors: train ets on the demo data (generated by the worker), then forecast.
      const trained = await run(
        'jobs',
        'retrain',
        '--models',
        'ets',
        '--time-budget',
        '30',
        '--no-promote',
        '--wait',
      );
      expect({ code: trained.code, stderr: trained.stderr }).toEqual({
        code: 0,
        stderr: expect.stringMatching(/train: done in .* completed/),
      });
      const [trainId, ...summary] = trained.stdout.split('\n');
      expect(summary.join('\n')).toContain('trained 1 candidate(s) for quantity:');
      const train = JSON.parse((await run('jobs', 'show', trainId, '--json')).stdout) as {
        state: string;
        result: { modelVersion: string };
      };
      expect(train.state).toBe('completed');
      const version = train.result.modelVersion;
      expect(summary.join('\n')).toContain(`chosen: ${version} (staging)`);

      const out = join(dir, 'forecast.json');
      const batch = await run(
        'jobs',
        'batch',
        '--all',
        '--model',
        version,
        '--horizon',
        '7',
        '--wait',
        '--out',
        out,
      );
      expect(batch.code).toBe(0);
      const result = JSON.parse(await readFile(out, 'utf8')) as {
        model_version: string;
        horizon: number;
        missing: string[];
        forecasts: { item_code: string; forecast: { p10: number; p90: number }[] }[];
      };
      const n = result.forecasts.length;
      expect(n).toBeGreaterThan(0);
      expect(n + result.missing.length).toBe(30); // the test config's demo data has 30 items
      expect(result).toMatchObject({ model_version: version, horizon: 7 });
      expect(result.forecasts.every((f) => f.forecast.length === 7)).toBe(true);
      expect(result.forecasts[0].forecast[0].p10).toBeLessThanOrEqual(
        result.forecasts[0].forecast[0].p90,
      );
      expect(batch.stderr).toContain(`forecasts for ${n} series (json) → ${out}`);
      const csv = await run('jobs', 'result', batch.stdout.trim(), '--format', 'csv');
      const lines = csv.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('item_code,date,mean,p10,p50,p90');
      expect(lines).toHaveLength(1 + n * 7);

      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
      expect(started.stdout()).toContain('stopped');
    }, 240_000);
  });
});
