import { hashApiKey } from '../../../../src/common/auth/client-keys.js';
import { clientKeyRing } from '../../../../src/common/auth/client-keys.js';
import { JOB_CATALOG } from '../../../../src/jobs/job-catalog.js';
import type { JobRequester } from '../../../../src/jobs/http/job-requester.js';
import { JobNotFoundError } from '../../../../src/jobs/http/job-http.errors.js';
import { toBatchJobStatus, toJobDetail } from '../../../../src/jobs/http/job-view.mapping.js';
import { JobsHttpService } from '../../../../src/jobs/http/jobs-http.service.js';
import { InProcessJobQueue } from '../../../../src/jobs/in-process/in-process-job-queue.js';
import { jobRuntimeSettingsSchema } from '../../../../src/config/jobs.config.js';
import { testConfig } from '../../../helpers/test-app.factory.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const anyone: JobRequester = { client: null, address: '127.0.0.1' };

/** A real in-process queue without processors: submitted jobs wait. */
describe('JobsHttpService over the in-process queue', () => {
  let queue: InProcessJobQueue;
  let service: JobsHttpService;

  beforeEach(() => {
    queue = new InProcessJobQueue({
      catalog: JOB_CATALOG,
      settings: jobRuntimeSettingsSchema.parse({}),
      logger: quiet,
    });
    service = new JobsHttpService(queue, testConfig());
  });
  afterEach(async () => {
    await queue.close({ graceMs: 0 });
  });

  it('finds batch jobs, and 404s other jobs on the batch routes', async () => {
    const batch = await service.submit('batch-predict', { horizon: 3 }, undefined, anyone);
    const train = await service.submit('train', {}, 'key-1', anyone);
    expect((await service.batchJob(batch.id, anyone)).payload).toEqual({
      target: 'quantity',
      model: 'prod',
      horizon: 3,
      format: 'json',
    });
    await expect(service.batchJob(train.id, anyone)).rejects.toBeInstanceOf(JobNotFoundError);
    expect((await service.job(train.id)).name).toBe('train');
    await expect(service.job('train.nope')).rejects.toMatchObject({
      status: 404,
      code: 'job_not_found',
    });
  });

  it('passes the idempotency key through: same id, then a conflict for another payload', async () => {
    const first = await service.submit('train', { kinds: ['ets'] }, 'nightly', anyone);
    expect(await service.submit('train', { kinds: ['ets'] }, 'nightly', anyone)).toEqual({
      id: first.id,
      deduplicated: true,
    });
    await expect(
      service.submit('train', { kinds: ['mlp'] }, 'nightly', anyone),
    ).rejects.toMatchObject({
      status: 409,
      code: 'idempotency_conflict',
    });
  });

  it('cancels a waiting job, says finished after, 404 for no job', async () => {
    const { id } = await service.submit('refresh-forecasts', {}, undefined, anyone);
    expect(await service.cancel(id)).toBe('cancelled');
    expect(await service.cancel(id)).toBe('finished');
    await expect(service.cancel('refresh-forecasts.none')).rejects.toBeInstanceOf(JobNotFoundError);
  });

  it('maps views to the wire shapes', async () => {
    const { id } = await service.submit('batch-predict', {}, undefined, anyone);
    const view = await service.batchJob(id, anyone);
    expect(toBatchJobStatus(view, null)).toEqual({
      job_id: id,
      name: 'batch-predict',
      state: 'waiting',
      progress: 0,
      stage: null,
      attempts: 0,
      max_attempts: view.maxAttempts,
      created_at: view.createdAt,
      started_at: null,
      finished_at: null,
      error: null,
      result_url: null,
      summary: null,
    });
    const summary = {
      model_version: 'm',
      target: 'quantity' as const,
      horizon: 1,
      cutoff: '2023-06-30',
      series_count: 0,
      missing: [],
    };
    const done = toBatchJobStatus({ ...view, state: 'completed', progress: 100 }, summary);
    expect(done).toMatchObject({ result_url: `/predict/jobs/${id}/result`, summary });
    expect(toJobDetail(view)).toMatchObject({
      job_id: id,
      name: 'batch-predict',
      progress_detail: null,
      payload: view.payload,
      result: null,
      result_pointer: null,
    });
  });

  describe('with client keys configured', () => {
    const config = testConfig({
      auth: {
        clientApiKeys: [
          { name: 'shop-a', sha256: hashApiKey('shop-a-key-0123456789abcdef') },
          { name: 'shop-b', sha256: hashApiKey('shop-b-key-0123456789abcdef') },
          { name: 'ops', sha256: hashApiKey('ops-key-0123456789abcdefgh'), role: 'admin' },
        ],
      },
    });
    const ring = clientKeyRing(config.auth);
    const as = (key: string): JobRequester => ({ client: ring.resolve(key), address: '10.0.0.1' });
    const shopA = as('shop-a-key-0123456789abcdef');
    const shopB = as('shop-b-key-0123456789abcdef');
    const ops = as('ops-key-0123456789abcdefgh');

    it('shows a job to the key that submitted it and to admins only, as 404 to others', async () => {
      service = new JobsHttpService(queue, config);
      const { id } = await service.submit('batch-predict', {}, 'mine', shopA);
      expect((await service.batchJob(id, shopA)).submittedBy).toBe('shop-a');
      expect((await service.batchJob(id, ops)).id).toBe(id);
      await expect(service.batchJob(id, shopB)).rejects.toMatchObject({
        status: 404,
        code: 'job_not_found',
      });
      await expect(service.batchJob(id, anyone)).rejects.toBeInstanceOf(JobNotFoundError);
      // The same Idempotency-Key from shop-b is its own job; neither learns the other's id.
      const theirs = await service.submit('batch-predict', { horizon: 2 }, 'mine', shopB);
      expect(theirs).toMatchObject({ deduplicated: false });
      expect(theirs.id).not.toBe(id);
      const conflict = await service
        .submit('batch-predict', { horizon: 5 }, 'mine', shopB)
        .catch((err: unknown) => err);
      expect(conflict).toMatchObject({ status: 409, details: null });
      expect((conflict as Error).message).not.toContain(id);
      expect((conflict as Error).message).not.toContain(theirs.id);
    });
  });
});
