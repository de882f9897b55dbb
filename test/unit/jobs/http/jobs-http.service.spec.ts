import { JOB_CATALOG } from '../../../../src/jobs/job-catalog.js';
import { JobNotFoundError } from '../../../../src/jobs/http/job-http.errors.js';
import { toBatchJobStatus, toJobDetail } from '../../../../src/jobs/http/job-view.mapping.js';
import { JobsHttpService } from '../../../../src/jobs/http/jobs-http.service.js';
import { InProcessJobQueue } from '../../../../src/jobs/in-process/in-process-job-queue.js';
import { jobRuntimeSettingsSchema } from '../../../../src/jobs/jobs.config.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

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
    service = new JobsHttpService(queue);
  });
  afterEach(async () => {
    await queue.close({ graceMs: 0 });
  });

  it('finds batch jobs, and 404s other jobs on the batch routes', async () => {
    const batch = await service.submit('batch-predict', { horizon: 3 }, undefined);
    const train = await service.submit('train', {}, 'key-1');
    expect((await service.batchJob(batch.id)).payload).toEqual({
      target: 'quantity',
      model: 'prod',
      horizon: 3,
      format: 'json',
    });
    await expect(service.batchJob(train.id)).rejects.toBeInstanceOf(JobNotFoundError);
    expect((await service.job(train.id)).name).toBe('train');
    await expect(service.job('train.nope')).rejects.toMatchObject({
      status: 404,
      code: 'job_not_found',
    });
  });

  it('passes the idempotency key through: same id, then a conflict for another payload', async () => {
    const first = await service.submit('train', { kinds: ['ets'] }, 'nightly');
    expect(await service.submit('train', { kinds: ['ets'] }, 'nightly')).toEqual({
      id: first.id,
      deduplicated: true,
    });
    await expect(service.submit('train', { kinds: ['mlp'] }, 'nightly')).rejects.toMatchObject({
      status: 409,
      code: 'idempotency_conflict',
    });
  });

  it('cancels a waiting job, says finished after, 404 for no job', async () => {
    const { id } = await service.submit('refresh-forecasts', {}, undefined);
    expect(await service.cancel(id)).toBe('cancelled');
    expect(await service.cancel(id)).toBe('finished');
    await expect(service.cancel('refresh-forecasts.none')).rejects.toBeInstanceOf(JobNotFoundError);
  });

  it('maps views to the wire shapes', async () => {
    const { id } = await service.submit('batch-predict', {}, undefined);
    const view = await service.batchJob(id);
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
});
