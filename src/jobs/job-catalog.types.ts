import type { z } from 'zod';

/** A JSON value: what payloads, results and progress details are made of. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** How finished jobs are kept: up to `count` of them, none older than `ageSec`. */
export interface JobRetention {
  ageSec: number;
  count: number;
}

/** Per-name job options: one row of the options table. */
export interface JobOptions {
  /** Attempts in all (1 = no retry). Transient failures are retried; PermanentJobError never. */
  attempts: number;
  /** Delay before retry n is `delayMs * 2^(n-1)` (exponential) or `delayMs` (fixed). */
  backoff: { type: 'exponential' | 'fixed'; delayMs: number };
  /** Wall-clock limit of one attempt in ms (0 = none); past it the signal aborts and the attempt fails. */
  timeoutMs: number;
  /** Jobs one worker process runs at once for this name (config can override). */
  concurrency: number;
  keepCompleted: JobRetention;
  keepFailed: JobRetention;
  /** Lock held by the worker running a job; when it expires (worker died) the job is stalled. */
  lockDurationMs?: number;
}

/** One job kind: payload schema (validated at submit and again by the worker), result schema, options. */
export interface JobDefinition<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly payload: P;
  /** Describes the result for types and docs; results are not validated at run time. */
  readonly result: R;
  readonly options: JobOptions;
}

/** Job name → definition. The job system is generic over it (freshcast's is JOB_CATALOG). */
export type JobCatalog = Readonly<Record<string, JobDefinition>>;

export type JobNameOf<C extends JobCatalog> = Extract<keyof C, string>;
/** What a caller submits (before schema defaults). */
export type JobPayloadInput<C extends JobCatalog, N extends JobNameOf<C>> = z.input<
  C[N]['payload']
>;
/** What a processor receives (after schema defaults). */
export type JobPayload<C extends JobCatalog, N extends JobNameOf<C>> = z.output<C[N]['payload']>;
export type JobResult<C extends JobCatalog, N extends JobNameOf<C>> = z.output<C[N]['result']>;
