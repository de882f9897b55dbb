import { BullmqJobQueue } from '../../../src/jobs/bullmq/bullmq-job-queue.js';
import { jobRuntimeSettingsSchema } from '../../../src/config/jobs.config.js';
import { RedisProbe } from '../../fixtures/jobs/execution-probe.js';
import { pollUntil } from '../../fixtures/jobs/poll.js';
import { registerTestProcessors } from '../../fixtures/jobs/test-processors.js';
import { TEST_JOB_CATALOG, type TestJobCatalog } from '../../fixtures/jobs/test-jobs.catalog.js';
import { spawnWorkerProcess, type WorkerProcess } from '../../fixtures/jobs/worker-process.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../../helpers/redis.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
/** Short locks so that a dead worker's job is picked up again within seconds. */
const FAST_STALL = {
  lockDurationMs: 3_000,
  stalledIntervalMs: 500,
  cancelPollMs: 50,
  handBackMs: 1_000,
};

/**
 * Worker processes (children running worker-process.fixture.ts) and the test process as "another
 * worker"; processors record starts and completions in Redis, so exactly-once is checked across
 * processes.
 */
describe('BullMQ worker processes (real Redis, child processes)', () => {
  const prefix = uniquePrefix('bullmq-procs');
  const children: WorkerProcess[] = [];
  const connect = (settings: Record<string, unknown>) =>
    BullmqJobQueue.connect({
      redisUrl: TEST_REDIS_URL,
      catalog: TEST_JOB_CATALOG,
      settings: jobRuntimeSettingsSchema.parse({ ...settings, prefix }),
      logger: quiet,
    });
  let api: BullmqJobQueue<TestJobCatalog>;
  let probe: RedisProbe;
  let local: BullmqJobQueue<TestJobCatalog> | undefined;

  const spawnWorker = async (settings: Record<string, unknown>): Promise<WorkerProcess> => {
    const child = spawnWorkerProcess({ redisUrl: TEST_REDIS_URL, prefix, settings });
    children.push(child);
    await child.ready;
    return child;
  };
  /** This test process as a second worker. */
  const startLocalWorker = async (): Promise<void> => {
    local = await connect(FAST_STALL);
    registerTestProcessors(local, probe);
    await local.startProcessing();
  };
  const settle = (id: string, state: string) =>
    pollUntil(
      `job ${id} ${state}`,
      async () => {
        const view = await api.get(id);
        return view?.state === state ? view : undefined;
      },
      30_000,
    );
  const started = (id: string) =>
    pollUntil(`job ${id} started`, async () => (await probe.count('started', id)) >= 1);

  beforeAll(async () => {
    api = await connect({}); // the API side: submits and reads, runs nothing
    probe = new RedisProbe(TEST_REDIS_URL, prefix);
  });

  afterEach(async () => {
    await local?.close({ graceMs: 100 });
    local = undefined;
  });

  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGKILL');
      await child.exited;
    }
    await api.close();
    await probe.close();
    await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
  });

  describe('one worker process', () => {
    let worker: WorkerProcess;
    beforeAll(async () => {
      worker = await spawnWorker(FAST_STALL);
    });

    it('stops a job it runs when the API cancels it', async () => {
      const { id } = await api.add('sleep-then-echo', { value: 'c', sleepMs: 20_000 });
      await started(id);
      expect(await probe.pid(id)).toBe(worker.pid);
      expect(await api.cancel(id)).toBe('cancelling');
      const view = await settle(id, 'cancelled');
      expect(view).toMatchObject({ attempts: 1, error: 'cancelled on request' });
      expect(await probe.count('abandoned', id)).toBe(1);
      expect(await probe.count('completed', id)).toBe(0);
    });

    it('killed with SIGKILL mid-job: another worker completes the job exactly once', async () => {
      const { id } = await api.add('sleep-then-echo', {
        value: 'kill',
        sleepMs: 1_000,
        cooperative: false,
      });
      await started(id);
      expect(await probe.pid(id)).toBe(worker.pid);
      worker.kill('SIGKILL');
      expect((await worker.exited).signal).toBe('SIGKILL');
      expect((await api.get(id))?.state).toBe('active');

      await startLocalWorker();
      const view = await settle(id, 'completed');
      expect(view.result).toEqual({ echoed: 'kill', attempt: 1 });
      expect(await probe.count('started', id)).toBe(2);
      expect(await probe.count('completed', id)).toBe(1);
      expect(await probe.pid(id)).toBe(process.pid);
    });
  });

  it('on SIGTERM finishes the running job, takes no new one, exits 0; nothing is lost', async () => {
    const worker = await spawnWorker({ ...FAST_STALL, shutdownGraceMs: 20_000 });
    const running = await api.add('sleep-then-echo', { value: 'x', sleepMs: 1_000 });
    await started(running.id);
    const queued = await api.add('sleep-then-echo', { value: 'y', sleepMs: 10 });
    worker.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.log()).toMatch(/SIGTERM: taking no new jobs/);

    expect((await api.get(running.id))?.state).toBe('completed');
    expect(await probe.count('completed', running.id)).toBe(1);
    expect((await api.get(queued.id))?.state).toBe('waiting');
    expect(await probe.count('started', queued.id)).toBe(0);

    await startLocalWorker();
    await settle(queued.id, 'completed');
    expect(await probe.count('completed', queued.id)).toBe(1);
    expect(await probe.count('completed', running.id)).toBe(1);
  });

  it('on SIGTERM past the grace hands the running job back without using an attempt', async () => {
    const worker = await spawnWorker({ ...FAST_STALL, shutdownGraceMs: 100 });
    const { id } = await api.add('sleep-then-echo', { value: 'z', sleepMs: 1_500 });
    await started(id);
    worker.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.log()).toMatch(/handing back 1 running job/);
    expect(await api.get(id)).toMatchObject({ state: 'waiting', attempts: 0 });
    expect(await probe.count('abandoned', id)).toBe(1);

    await startLocalWorker();
    const view = await settle(id, 'completed');
    expect(view).toMatchObject({ attempts: 1, result: { echoed: 'z', attempt: 1 } });
    expect(await probe.count('started', id)).toBe(2);
    expect(await probe.count('completed', id)).toBe(1);
  });
});
