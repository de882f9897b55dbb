import type { Target } from '../../data/series-panel.js';
import type { JobName } from '../../common/job-names.js';
import type { JobState } from '../../jobs/job-queue.port.js';

/** A job as the `jobs` commands see it, whichever transport fetched it. */
export interface JobInfo {
  id: string;
  name: string;
  state: string;
  /** 0–100. */
  progress: number;
  stage: string | null;
  progressDetail: Record<string, unknown> | null;
  attempts: number;
  maxAttempts: number;
  /** The submitted payload (null when the transport does not show it, e.g. the public status route). */
  payload: unknown;
  /** The result when completed and held inline. */
  result: unknown;
  /** Artifact-store key of a large result. */
  resultPointer: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobListFilter {
  state?: JobState;
  name?: JobName;
  limit?: number;
}

/** `freshcast jobs retrain`: a `train` job. */
export interface RetrainRequest {
  target?: Target;
  /** Model kinds to train (`lstm`, `mlp`, ...); default the configured one. */
  models?: string[];
  timeBudgetSec?: number;
  /** Train with the best params of this tune job (an id, or `latest`). */
  tuneJob?: string;
  promote: boolean;
}

export const BATCH_FORMATS = ['json', 'csv'] as const;
export type BatchFormat = (typeof BATCH_FORMATS)[number];

/** `freshcast jobs batch`: a `batch-predict` job for some items or all of them. */
export interface BatchRequest {
  target?: Target;
  /** The items to forecast; undefined with `all`. */
  itemCodes?: string[];
  all: boolean;
  horizon?: number;
  /** First forecast day (the cutoff is the day before); default the day after the data's last date. */
  date?: string;
  format: BatchFormat;
  /** A registered model (version id, prod or an alias); default prod. */
  model?: string;
}

export interface Submitted {
  id: string;
  /** True when the idempotency key matched an existing job. */
  deduplicated: boolean;
}

/**
 * Submitting and inspecting jobs from the CLI: over HTTP against a running freshcast
 * (http-jobs.client.ts) or straight on Redis (queue-jobs.client.ts). Failures are CommandErrors.
 */
export interface JobsClient {
  /** Where it talks to, for messages (`server http://…`, `Redis at redis://…`). */
  readonly where: string;
  list(filter: JobListFilter): Promise<JobInfo[]>;
  /** A job in full (payload, result); CommandError when there is no such job. */
  show(id: string): Promise<JobInfo>;
  /** `cancelled`, `cancelling`, `finished` (CommandError when there is no such job). */
  cancel(id: string): Promise<string>;
  retrain(request: RetrainRequest, idempotencyKey?: string): Promise<Submitted>;
  batch(request: BatchRequest, idempotencyKey?: string): Promise<Submitted>;
  /** A batch job's state as the public status route shows it (no admin key needed). */
  batchStatus(id: string): Promise<JobInfo>;
  /** A finished batch job's result as text: the HTTP JSON shape, or CSV. */
  batchResult(id: string, format: BatchFormat): Promise<string>;
  close(): Promise<void>;
}

/** States after which a job never changes again. */
export const FINAL_STATES: readonly string[] = ['completed', 'failed', 'cancelled'];
