import { AppError } from '../../common/errors/app-error.js';
import { addDays } from '../../data/dates.js';
import type { AppConfig } from '../../config/app-config.schema.js';
import { JOB_CATALOG } from '../../jobs/job-catalog.js';
import type { JobLogger } from '../../jobs/job-logger.js';
import { batchPredictResultSchema } from '../../jobs/job-payloads.js';
import { createJobQueue } from '../../jobs/job-queue.factory.js';
import type { JobQueue, JobView } from '../../jobs/job-queue.port.js';
import { jobResultOf } from '../../jobs/job-result.pointer.js';
import { jobsConfigOf } from '../../jobs/jobs-runtime.js';
import { redactRedisUrl } from '../../jobs/bullmq/redis-connections.js';
import { createArtifactStore } from '../../storage/artifact-store.factory.js';
import { StorageError } from '../../storage/storage.errors.js';
import { CommandError, UsageError } from '../cli.errors.js';
import { resolveTunedParams, TunedParamsError } from '../../jobs/tuned-params.js';
import type { CliIo } from '../cli-io.js';
import { renderBatchResult } from './batch-result.format.js';
import type {
  BatchFormat,
  BatchRequest,
  JobInfo,
  JobListFilter,
  JobsClient,
  RetrainRequest,
  Submitted,
} from './jobs-client.js';

/** An AppError (invalid payload, idempotency conflict, Redis unreachable) as one CommandError line. */
export function commandErrorOf(err: AppError): CommandError {
  const details = Array.isArray(err.details)
    ? err.details.map((d) => (d.field === '' ? d.message : `${d.field}: ${d.message}`))
    : [];
  return new CommandError(
    details.length > 0 ? `${err.message}: ${details.join('; ')}` : err.message,
  );
}

async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof AppError) throw commandErrorOf(err);
    if (err instanceof StorageError)
      throw new CommandError(`cannot read the result: ${err.message}`);
    throw err;
  }
}

export function jobInfoOfView(view: JobView): JobInfo {
  return {
    id: view.id,
    name: view.name,
    state: view.state,
    progress: view.progress,
    stage: view.stage,
    progressDetail: view.progressDetail,
    attempts: view.attempts,
    maxAttempts: view.maxAttempts,
    payload: view.payload,
    result: view.result,
    resultPointer: view.resultPointer,
    error: view.error,
    createdAt: view.createdAt,
    startedAt: view.startedAt,
    finishedAt: view.finishedAt,
  };
}

/** Drops the keys whose value is undefined (payloads). */
function defined(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
}

/** Warnings of the queue adapter on stderr; its info lines are left out of CLI output. */
function cliJobLogger(io: CliIo): JobLogger {
  return {
    log: () => undefined,
    warn: (m) => io.err(`warning: ${m}\n`),
    error: (m) => io.err(`error: ${m}\n`),
  };
}

/**
 * The `jobs` commands straight on Redis (`--redis URL` / `queue.redisUrl`): the job queue in
 * submit-only mode (no processors, never processing), closed when the command ends. Large batch
 * results are read from the artifact store (`storage` config) behind the job's result pointer.
 */
export class QueueJobsClient implements JobsClient {
  private constructor(
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /** Connects to `config.queue.redisUrl` (a CommandError when Redis cannot be reached). */
  static async connect(config: AppConfig, io: CliIo): Promise<QueueJobsClient> {
    const queue = await guarded(() =>
      createJobQueue({
        redisUrl: config.queue.redisUrl,
        catalog: JOB_CATALOG,
        settings: jobsConfigOf(config),
        logger: cliJobLogger(io),
      }),
    );
    return new QueueJobsClient(queue, config);
  }

  get where(): string {
    return `Redis at ${redactRedisUrl(this.config.queue.redisUrl)}`;
  }

  async list(filter: JobListFilter): Promise<JobInfo[]> {
    const views = await guarded(() => this.queue.list(filter));
    return views.map(jobInfoOfView);
  }

  async show(id: string): Promise<JobInfo> {
    return jobInfoOfView(await this.view(id));
  }

  async cancel(id: string): Promise<string> {
    const outcome = await guarded(() => this.queue.cancel(id));
    if (outcome === 'not-found') throw new CommandError(`no job ${id} (${this.where})`);
    return outcome;
  }

  async retrain(request: RetrainRequest, idempotencyKey?: string): Promise<Submitted> {
    const payload = defined({
      kinds: request.models,
      target: request.target,
      timeBudgetSec: request.timeBudgetSec,
      promote: request.promote,
    });
    if (request.tuneJob === undefined)
      return guarded(() => this.queue.submit('train', payload, { idempotencyKey }));
    if (request.models !== undefined && request.models.length !== 1)
      throw new UsageError('with --tune-job, --models must be the one kind that was tuned');
    const tuneJob = request.tuneJob;
    let tuned;
    try {
      tuned = await guarded(() =>
        resolveTunedParams(this.queue, tuneJob, request.target ?? 'quantity', request.models?.[0]),
      );
    } catch (err) {
      if (err instanceof TunedParamsError) throw new CommandError(`--tune-job: ${err.message}`);
      throw err;
    }
    const withTuned = {
      ...payload,
      kinds: [tuned.kind],
      params: tuned.params as Record<string, string | number | boolean | number[]>,
      paramsSource: tuned.source,
    };
    return guarded(() => this.queue.submit('train', withTuned, { idempotencyKey }));
  }

  async batch(request: BatchRequest, idempotencyKey?: string): Promise<Submitted> {
    const payload = defined({
      target: request.target,
      model: request.model,
      seriesIds: request.itemCodes,
      horizon: request.horizon,
      // `--date` is the first forecast day, as on POST /predict/batch: the cutoff is the day before.
      cutoff: request.date === undefined ? undefined : addDays(request.date, -1),
      format: request.format,
    });
    return guarded(() => this.queue.submit('batch-predict', payload, { idempotencyKey }));
  }

  batchStatus(id: string): Promise<JobInfo> {
    return this.show(id);
  }

  async batchResult(id: string, format: BatchFormat): Promise<string> {
    const view = await this.view(id);
    if (view.name !== 'batch-predict') {
      throw new CommandError(`job ${id} is a ${view.name} job, not a batch prediction`);
    }
    if (view.state !== 'completed') {
      const why = view.error === null ? '' : `: ${view.error}`;
      throw new CommandError(`job ${id} has no result: it is ${view.state}${why}`);
    }
    const raw = await guarded(() => jobResultOf(createArtifactStore(this.config.storage), view));
    const result = batchPredictResultSchema.safeParse(raw);
    if (!result.success) {
      throw new CommandError(`job ${id}: its result is not a batch prediction result`);
    }
    return renderBatchResult(id, result.data, format);
  }

  close(): Promise<void> {
    return this.queue.close({ graceMs: 0 });
  }

  private async view(id: string): Promise<JobView> {
    const view = await guarded(() => this.queue.get(id));
    if (view === null) throw new CommandError(`no job ${id} (${this.where})`);
    return view;
  }
}
