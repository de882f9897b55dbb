import { Logger } from '@nestjs/common';
import { createAppLogger, loggerFor } from '../../../src/common/logging/logger.factory.js';
import { runWithLogContext } from '../../../src/common/logging/log-context.js';
import { BullmqJobQueue } from '../../../src/jobs/bullmq/bullmq-job-queue.js';
import { InProcessJobQueue } from '../../../src/jobs/in-process/in-process-job-queue.js';
import type { JobLogger } from '../../../src/jobs/job-logger.js';
import type { JobQueue, JobWorkers } from '../../../src/jobs/job-queue.port.js';
import { jobRuntimeSettingsSchema } from '../../../src/config/jobs.config.js';
import { pollUntil } from '../../fixtures/jobs/poll.js';
import { TEST_JOB_CATALOG, type TestJobCatalog } from '../../fixtures/jobs/test-jobs.catalog.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../../helpers/redis.js';

type Line = Record<string, unknown>;
type System = JobQueue<TestJobCatalog> & JobWorkers<TestJobCatalog>;

/** The job system's own logger, writing through the app's (as JobsModule does). */
const jobLogger = (): JobLogger => {
  const nest = loggerFor('Jobs');
  return { log: (m) => nest.log(m), warn: (m) => nest.warn(m), error: (m) => nest.error(m) };
};

const prefix = uniquePrefix('job-logs');
const adapters: [string, () => Promise<System>][] = [
  [
    'in-process',
    () =>
      Promise.resolve(
        new InProcessJobQueue({
          catalog: TEST_JOB_CATALOG,
          settings: jobRuntimeSettingsSchema.parse({}),
          logger: jobLogger(),
        }),
      ),
  ],
  [
    'BullMQ (real Redis)',
    () =>
      BullmqJobQueue.connect({
        redisUrl: TEST_REDIS_URL,
        catalog: TEST_JOB_CATALOG,
        settings: jobRuntimeSettingsSchema.parse({ prefix }),
        logger: jobLogger(),
      }),
  ],
];

describe.each(adapters)('job log lines (%s)', (_name, create) => {
  const raw: string[] = [];
  let system: System;

  beforeAll(async () => {
    Logger.overrideLogger(
      createAppLogger(
        { logFormat: 'json' },
        {
          logLevels: ['fatal', 'error', 'warn', 'log', 'debug'],
          sink: { write: (l) => void raw.push(l) },
        },
      ),
    );
    system = await create();
    system.registerProcessor('echo', async (ctx) => {
      ctx.log(`echoing ${ctx.payload.value}`);
      await new Promise((r) => setTimeout(r, 5));
      loggerFor('EchoService').warn(`service line for ${ctx.payload.value}`);
      return { echoed: ctx.payload.value, attempt: ctx.attempt };
    });
    await system.startProcessing({ names: ['echo'] });
  });
  afterAll(async () => {
    await system.close();
    Logger.overrideLogger(false);
    await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
  });

  it('carries the job id and name on the lines the processor and the services it calls write', async () => {
    // Submitted from inside a request: the job's lines carry the job, not the request.
    const job = await runWithLogContext({ reqId: 'submitting-request' }, () =>
      system.add('echo', { value: 'v1', steps: 0 }),
    );
    await pollUntil(
      'the job to complete',
      async () => (await system.get(job.id))?.state === 'completed',
    );
    const lines = raw.map((l) => JSON.parse(l) as Line);
    const processor = lines.find((l) => String(l.msg).includes('echoing v1'));
    const service = lines.find((l) => l.msg === 'service line for v1');
    expect(processor).toMatchObject({ jobId: job.id, jobName: 'echo', context: 'Jobs' });
    expect(service).toMatchObject({
      jobId: job.id,
      jobName: 'echo',
      context: 'EchoService',
      level: 'warn',
    });
    expect(service?.reqId).toBeUndefined();
  });
});
