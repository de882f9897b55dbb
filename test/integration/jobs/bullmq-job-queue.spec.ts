import { BullmqJobQueue } from '../../../src/jobs/bullmq/bullmq-job-queue.js';
import { describeJobQueueBehaviour } from '../../fixtures/jobs/job-queue.behaviour.js';
import { TEST_JOB_CATALOG } from '../../fixtures/jobs/test-jobs.catalog.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../../helpers/redis.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const prefix = uniquePrefix('bullmq-behaviour');

describe('BullmqJobQueue (the shared job behaviour suite, real Redis)', () => {
  describeJobQueueBehaviour({
    expectedMode: 'bullmq',
    prefix,
    create: (settings) =>
      BullmqJobQueue.connect({
        redisUrl: TEST_REDIS_URL,
        catalog: TEST_JOB_CATALOG,
        settings,
        logger: quiet,
      }),
    cleanup: async () => {
      await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
    },
  });
});
