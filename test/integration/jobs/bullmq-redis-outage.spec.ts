import { BullmqJobQueue } from '../../../src/jobs/bullmq/bullmq-job-queue.js';
import { QueueUnavailableError } from '../../../src/jobs/job.errors.js';
import { jobRuntimeSettingsSchema } from '../../../src/config/jobs.config.js';
import { MemoryProbe } from '../../fixtures/jobs/execution-probe.js';
import { pollUntil } from '../../fixtures/jobs/poll.js';
import { registerTestProcessors } from '../../fixtures/jobs/test-processors.js';
import { TEST_JOB_CATALOG, type TestJobCatalog } from '../../fixtures/jobs/test-jobs.catalog.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/redis.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const settings = jobRuntimeSettingsSchema.parse({
  prefix: 'outage',
  connectTimeoutMs: 5_000,
  commandTimeoutMs: 5_000,
  reconnectMaxDelayMs: 200,
  stalledIntervalMs: 1_000,
});

/** Redis of the test's own (redis-server on a free port), stopped and restarted under a running system. */
describe('BullMQ adapter when Redis goes away', () => {
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await startPrivateRedis();
  });

  afterAll(async () => {
    await redis.stop();
  });

  it('refuses to start with a clear message when Redis cannot be reached', async () => {
    await redis.stop();
    try {
      const attempt = BullmqJobQueue.connect({
        redisUrl: redis.url.replace('redis://', 'redis://:secret@'),
        catalog: TEST_JOB_CATALOG,
        settings,
        logger: quiet,
      });
      await expect(attempt).rejects.toBeInstanceOf(QueueUnavailableError);
      const err: unknown = await attempt.catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 503, code: 'queue_unavailable' });
      const message = err instanceof Error ? err.message : '';
      expect(message).toContain(`cannot reach Redis at redis://:***@127.0.0.1`);
      expect(message).toContain('unset REDIS_URL to run jobs in-process');
      expect(message).not.toContain('secret');
    } finally {
      await redis.start();
    }
  });

  it('answers 503 while Redis is down and recovers by itself when it is back', async () => {
    const system = await BullmqJobQueue.connect<TestJobCatalog>({
      redisUrl: redis.url,
      catalog: TEST_JOB_CATALOG,
      settings,
      logger: quiet,
    });
    const settled = (id: string) =>
      pollUntil(
        `job ${id} completed`,
        async () => (await system.get(id))?.state === 'completed',
        30_000,
      );
    try {
      registerTestProcessors(system, new MemoryProbe());
      await system.startProcessing();
      const before = await system.add('echo', { value: 'before' });
      await settled(before.id);
      await system.syncSchedules([
        { id: 'hourly', name: 'echo', cron: '0 * * * *', payload: { value: 'h' } },
      ]);

      await redis.stop();
      await pollUntil('health to turn bad', async () => !(await system.health()).ok);
      await expect(system.add('echo', { value: 'during' })).rejects.toBeInstanceOf(
        QueueUnavailableError,
      );
      await expect(system.get(before.id)).rejects.toMatchObject({ status: 503 });
      await expect(system.list()).rejects.toBeInstanceOf(QueueUnavailableError);

      await redis.start();
      await pollUntil('health to recover', async () => (await system.health()).ok, 30_000);
      // The restarted Redis kept nothing: the schedules are put back from the last sync.
      const restored = await pollUntil('schedules restored', async () => {
        const list = await system.listSchedules();
        return list.length > 0 ? list : undefined;
      });
      expect(restored).toEqual([
        expect.objectContaining({ id: 'hourly', name: 'echo', cron: '0 * * * *' }),
      ]);
      const after = await system.add('echo', { value: 'after', steps: 2 });
      await settled(after.id);
      expect(await system.get(after.id)).toMatchObject({
        result: { echoed: 'after', attempt: 1 },
        stage: 'step-2',
      });
    } finally {
      await system.close({ graceMs: 500 });
    }
  });
});
