import { InProcessJobQueue } from '../../../src/jobs/in-process/in-process-job-queue.js';
import { jobRuntimeSettingsSchema } from '../../../src/config/jobs.config.js';
import { MemoryProbe } from '../../fixtures/jobs/execution-probe.js';
import { describeJobQueueBehaviour } from '../../fixtures/jobs/job-queue.behaviour.js';
import { pollUntil } from '../../fixtures/jobs/poll.js';
import { registerTestProcessors } from '../../fixtures/jobs/test-processors.js';
import { TEST_JOB_CATALOG } from '../../fixtures/jobs/test-jobs.catalog.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('InProcessJobQueue (the shared job behaviour suite)', () => {
  describeJobQueueBehaviour({
    expectedMode: 'in-process',
    prefix: 'unused',
    create: (settings) =>
      Promise.resolve(
        new InProcessJobQueue({ catalog: TEST_JOB_CATALOG, settings, logger: quiet }),
      ),
  });
});

describe('InProcessJobQueue shutdown', () => {
  it('hands running jobs back after the grace and says that queued jobs are lost', async () => {
    const warnings: string[] = [];
    const jobs = new InProcessJobQueue({
      catalog: TEST_JOB_CATALOG,
      settings: jobRuntimeSettingsSchema.parse({ shutdownGraceMs: 50, handBackMs: 1_000 }),
      logger: { ...quiet, warn: (m) => warnings.push(m) },
    });
    const probe = new MemoryProbe();
    registerTestProcessors(jobs, probe);
    await jobs.startProcessing();
    const running = await jobs.add('sleep-then-echo', { value: 'a', sleepMs: 10_000 });
    const queued = await jobs.add('sleep-then-echo', { value: 'b', sleepMs: 10 });
    await pollUntil('running', () => Promise.resolve(probe.started.get(running.id) === 1));
    await jobs.close();
    expect(await jobs.get(running.id)).toMatchObject({ state: 'waiting', attempts: 0 });
    expect(await jobs.get(queued.id)).toMatchObject({ state: 'waiting' });
    expect(probe.completed.size).toBe(0);
    expect(warnings).toContain('2 queued job(s) dropped: in-process jobs are not durable');
    expect((await jobs.health()).ok).toBe(false);
  });
});
