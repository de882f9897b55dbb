import type { JobView, ListJobsOptions } from './job-queue.port.js';

/** Where a retrain's params came from, as the train job and the manifest record it. */
export interface TunedParamsSource {
  tuneJob: string;
  /** The best trial's mean WAPE on the tuning windows. */
  tuneMeanWape: number;
}

export interface TunedParams {
  kind: string;
  params: Record<string, unknown>;
  source: TunedParamsSource;
}

/** Why a tune job's params cannot be used; callers turn it into a 400 or a CLI message. */
export class TunedParamsError extends Error {}

interface JobLookup {
  get(id: string): Promise<JobView | null>;
  list(opts: ListJobsOptions): Promise<JobView[]>;
}

/** How many finished tune jobs `latest` looks through (newest first). */
const LATEST_SCAN = 200;

/**
 * The best params of a finished tune job: `ref` is its id, or `latest` for the newest completed
 * tune of `kind` (any kind when none is given) for `target`. The job must be a completed tune with
 * a best trial, for the same target and, when given, the same kind.
 */
export async function resolveTunedParams(
  jobs: JobLookup,
  ref: string,
  target: string,
  kind: string | undefined,
): Promise<TunedParams> {
  let view: JobView | null;
  if (ref === 'latest') {
    const done = await jobs.list({ name: 'tune', state: 'completed', limit: LATEST_SCAN });
    view =
      done.find(
        (v) =>
          v.name === 'tune' &&
          v.payload.target === target &&
          (kind === undefined || v.payload.kind === kind) &&
          v.result?.best != null,
      ) ?? null;
    if (view === null)
      throw new TunedParamsError(
        `no finished tune job with a best trial for ${kind ?? 'any kind'} on ${target}`,
      );
  } else {
    view = await jobs.get(ref);
    if (view === null) throw new TunedParamsError(`no job ${ref}`);
  }
  if (view.name !== 'tune')
    throw new TunedParamsError(`job ${view.id} is a ${view.name} job, not a tune`);
  if (view.state !== 'completed')
    throw new TunedParamsError(`tune job ${view.id} is ${view.state}, not completed`);
  const result = view.result;
  if (result === null || result.best === null)
    throw new TunedParamsError(`tune job ${view.id} found no trial scored on every window`);
  if (kind !== undefined && result.kind !== kind)
    throw new TunedParamsError(`tune job ${view.id} tuned ${result.kind}, not ${kind}`);
  if (result.target !== target)
    throw new TunedParamsError(`tune job ${view.id} tuned for ${result.target}, not ${target}`);
  return {
    kind: result.kind,
    params: { ...result.best.params },
    source: { tuneJob: view.id, tuneMeanWape: result.best.meanWape },
  };
}
