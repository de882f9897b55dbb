import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { JOB_QUEUE, type JobQueue } from '../../../src/jobs/job-queue.port.js';
import { startWorkerProcess, WorkerStartError } from '../../../src/worker.bootstrap.js';
import {
  expectReadinessThroughRedisOutage,
  type Readiness,
  type ReadinessProbe,
} from '../../fixtures/health/readiness.js';
import { pollUntil } from '../../fixtures/jobs/poll.js';
import { freePort } from '../../helpers/free-port.js';
import { startPrivateRedis, uniquePrefix, type PrivateRedis } from '../../helpers/redis.js';
import { testConfig } from '../../helpers/test-config.js';

/** A sample line's value in a Prometheus text exposition (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * The worker process's own listener (`jobs.workerPort`): the worker bootstrap in this process on a
 * free port, against a redis-server of the test's own (stopped and restarted for the outage).
 */
describe('worker /metrics and /health on FRESHCAST_WORKER_PORT (real Redis)', () => {
  let root: string;
  let redis: PrivateRedis;
  let port: number;
  let worker: INestApplicationContext;
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const ready: ReadinessProbe = async () => {
    const res = await fetch(url('/health/ready'));
    return { code: res.status, body: (await res.json()) as Readiness };
  };
  const config = (workerPort: number) =>
    testConfig({
      server: { host: '127.0.0.1' },
      queue: { redisUrl: redis.url },
      jobs: {
        prefix: uniquePrefix('worker-http'),
        workerPort,
        connectTimeoutMs: 5_000,
        commandTimeoutMs: 5_000,
        reconnectMaxDelayMs: 200,
      },
      data: { dir: join(root, 'data'), watchIntervalSec: 0 },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      health: { checkTimeoutMs: 5_000 },
    });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fc-worker-http-'));
    redis = await startPrivateRedis();
    port = await freePort();
    worker = await startWorkerProcess({ config: config(port), handleSignals: false });
  });
  afterAll(async () => {
    await redis.start();
    await worker.close();
    await redis.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the worker metrics, job failures and durations included once a job ran', async () => {
    const first = await fetch(url('/metrics'));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/plain/);
    const before = await first.text();
    // Runtime and tf metrics of this process; no HTTP request metrics (the worker has no API).
    expect(before).toMatch(/^process_resident_memory_bytes \d/m);
    expect(before).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(before).toMatch(/^freshcast_tf_tensors \d/m);
    expect(before).not.toContain('freshcast_http_requests_total{');

    const queue = worker.get<JobQueue>(JOB_QUEUE);
    // An unknown model kind fails the job at once, without a retry.
    const { id } = await queue.add('train', { target: 'quantity', kinds: ['no-such-kind'] });
    const failed = await pollUntil(
      `job ${id} failed`,
      async () => {
        const view = await queue.get(id);
        return view?.state === 'failed' ? view : undefined;
      },
      30_000,
    );
    expect(failed.error).toMatch(/unknown model kind/);
    const after = await pollUntil('the job in the worker metrics', async () => {
      const text = await (await fetch(url('/metrics'))).text();
      return sample(text, 'freshcast_job_failures_total', 'name="train"') === 1 ? text : false;
    });
    expect(
      sample(after, 'freshcast_job_duration_seconds_count', 'name="train",outcome="failed"'),
    ).toBe(1);
    expect(sample(after, 'freshcast_queue_jobs', 'name="train",state="failed"')).toBe(1);
    expect(sample(after, 'freshcast_queue_jobs', 'name="train",state="waiting"')).toBe(0);
  });

  it('answers /health/live, /health/ready with the worker checks, 404 and 405 elsewhere', async () => {
    const live = await fetch(url('/health/live'));
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok' });

    const up = await ready();
    expect(up.code).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', ready: true, failing: [] });
    expect(Object.keys(up.body.checks).sort()).toEqual([
      'artifact_store',
      'consuming',
      'redis',
      'tf_backend',
    ]);

    const missing = await fetch(url('/predict'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
    const post = await fetch(url('/metrics'), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('turns /health/ready 503 naming redis while Redis is gone, and 200 when it is back', async () => {
    await expectReadinessThroughRedisOutage(redis, ready, async () => {
      // /metrics still answers (the queue counts are skipped, not waited for).
      expect((await fetch(url('/metrics'))).status).toBe(200);
    });
  });

  it('refuses to start, in one line, when the port is taken', async () => {
    await expect(
      startWorkerProcess({ config: config(port), handleSignals: false }),
    ).rejects.toThrow(
      new WorkerStartError(
        `cannot listen on 127.0.0.1:${port} for /metrics and /health (jobs.workerPort): listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
      ),
    );
  });
});
