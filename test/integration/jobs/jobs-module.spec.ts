import { Injectable, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config.loader.js';
import { AppConfigModule } from '../../../src/config/config.module.js';
import type { FreshcastJobCatalog } from '../../../src/jobs/job-catalog.js';
import type { JobPayload, JobResult } from '../../../src/jobs/job-catalog.types.js';
import type { JobContext, JobProcessor } from '../../../src/jobs/job-processor.types.js';
import { JOB_QUEUE, type JobSystem } from '../../../src/jobs/job-queue.port.js';
import { jobsConfigSchema } from '../../../src/config/jobs.config.js';
import { JobsModule, type JobsModuleOptions } from '../../../src/jobs/jobs.module.js';
import { pollUntil } from '../../fixtures/jobs/poll.js';
import { deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix } from '../../helpers/redis.js';

/** A train processor as the real ones will be: an injectable class named for its job. */
@Injectable()
class TrainJobProcessor implements JobProcessor<'train'> {
  readonly jobName = 'train' as const;

  async process(
    ctx: JobContext<JobPayload<FreshcastJobCatalog, 'train'>>,
  ): Promise<JobResult<FreshcastJobCatalog, 'train'>> {
    await ctx.progress(50, 'fit', { epoch: 1, epochs: 2, loss: 0.5 });
    const kind = ctx.payload.kinds?.[0] ?? 'default';
    return {
      target: ctx.payload.target,
      candidates: [
        {
          modelVersion: `${kind}-v1`,
          kind,
          fit: { epochs: 2, finalLoss: 0.4, seconds: 1, samplesPerSec: 100 },
          backtest: {
            model: { wape: 0.3, mase: 0.9, coverage: 0.8 },
            seasonalNaive: { wape: 0.4, mase: 1, coverage: null },
          },
        },
      ],
      modelVersion: `${kind}-v1`,
      stage: 'staging',
      promoted: false,
      previousProd: null,
      gateFailures: [],
    };
  }
}

@Injectable()
class SecondTrainJobProcessor extends TrainJobProcessor {}

class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown): void {
    this.lines.push(String(message));
  }
  warn(message: unknown): void {
    this.lines.push(String(message));
  }
  error(message: unknown): void {
    this.lines.push(String(message));
  }
}

async function boot(
  redisUrl: string,
  options: JobsModuleOptions,
): Promise<{ app: INestApplicationContext; logger: CapturingLogger }> {
  const config = loadConfig({
    dir: join(process.cwd(), 'config'),
    env: {},
    overrides: { queue: { redisUrl } },
  });
  const logger = new CapturingLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot(config), JobsModule.forRoot(options)],
  })
    .setLogger(logger)
    .compile();
  const app = await moduleRef.init();
  return { app, logger };
}

const trainOnly = { imports: [], processors: [TrainJobProcessor] };

describe('JobsModule', () => {
  it('without REDIS_URL runs jobs in-process, says so at boot, and runs the registered processors', async () => {
    const { app, logger } = await boot('', {
      role: 'all',
      processors: trainOnly,
      requireAllProcessors: false,
    });
    try {
      expect(logger.lines).toContain(
        'jobs run in-process (not durable): set REDIS_URL to use Redis',
      );
      expect(logger.lines.some((l) => l.startsWith('no processor yet for batch-predict'))).toBe(
        true,
      );
      const jobs = app.get<JobSystem>(JOB_QUEUE);
      expect(jobs.mode).toBe('in-process');
      const { id } = await jobs.add('train', { kinds: ['mlp'], promote: false });
      const view = await pollUntil('train job done', async () => {
        const v = await jobs.get(id);
        return v?.state === 'completed' ? v : undefined;
      });
      expect(view).toMatchObject({
        name: 'train',
        stage: 'fit',
        progressDetail: { epoch: 1, epochs: 2, loss: 0.5 },
      });
      expect(view.name === 'train' ? view.result?.modelVersion : null).toBe('mlp-v1');
    } finally {
      await app.close();
    }
  });

  it('refuses to start while a job has no processor, or has two', async () => {
    await expect(boot('', { role: 'all', processors: trainOnly })).rejects.toThrow(
      'no processor registered for jobs batch-predict, backtest, refresh-forecasts',
    );
    await expect(
      boot('', {
        role: 'all',
        processors: { imports: [], processors: [TrainJobProcessor, SecondTrainJobProcessor] },
        requireAllProcessors: false,
      }),
    ).rejects.toThrow('job "train" has two processors');
  });

  it('refuses the worker role without Redis', async () => {
    await expect(boot('', { role: 'worker', processors: trainOnly })).rejects.toThrow(
      'FRESHCAST_ROLE=worker needs REDIS_URL',
    );
  });

  it('in the api role with Redis submits jobs but runs none', async () => {
    const prefix = uniquePrefix('jobs-module');
    const { app, logger } = await boot(TEST_REDIS_URL, {
      role: 'api',
      processors: trainOnly,
      jobs: jobsConfigSchema.parse({ prefix }),
    });
    try {
      expect(logger.lines).toContain(
        `jobs use Redis at ${TEST_REDIS_URL} (role api: submitting only)`,
      );
      const jobs = app.get<JobSystem>(JOB_QUEUE);
      expect(jobs.mode).toBe('bullmq');
      expect(jobs.processing).toBe(false);
      const { id } = await jobs.add('train', { kinds: ['gru'] });
      expect(await jobs.get(id)).toMatchObject({
        state: 'waiting',
        payload: { kinds: ['gru'], promote: true },
      });
    } finally {
      await app.close();
      await deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
    }
  });
});
