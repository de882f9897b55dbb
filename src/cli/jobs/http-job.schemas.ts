import { z } from 'zod';
import type { JobInfo } from './jobs-client.js';

/** Answers of the job routes (snake_case); fields a route may leave out read as null. */

const nullableString = z.string().nullable().optional();

/** `GET /admin/jobs/:id`, and the items of `GET /admin/jobs`. */
export const adminJobSchema = z.object({
  job_id: z.string(),
  name: z.string(),
  state: z.string(),
  progress: z.number().optional(),
  stage: nullableString,
  progress_detail: z.record(z.string(), z.unknown()).nullable().optional(),
  attempts: z.number().optional(),
  max_attempts: z.number().optional(),
  payload: z.unknown().optional(),
  result: z.unknown().optional(),
  result_pointer: nullableString,
  error: nullableString,
  created_at: z.string(),
  started_at: nullableString,
  finished_at: nullableString,
});
export type AdminJob = z.output<typeof adminJobSchema>;

export const adminJobListSchema = z.object({ jobs: z.array(adminJobSchema) });

/** `GET /predict/jobs/:id`. */
export const publicJobSchema = adminJobSchema
  .pick({
    job_id: true,
    name: true,
    state: true,
    progress: true,
    stage: true,
    attempts: true,
    max_attempts: true,
    error: true,
    created_at: true,
    started_at: true,
    finished_at: true,
  })
  .extend({ result_url: nullableString, summary: z.unknown().optional() });

export const submittedSchema = z.object({ job_id: z.string(), deduplicated: z.boolean() });

export const cancelledSchema = z.object({ job_id: z.string(), outcome: z.string() });

/** A job from either route as the CLI sees it (what a route does not show reads as null). */
export function jobInfoOf(job: AdminJob): JobInfo {
  return {
    id: job.job_id,
    name: job.name,
    state: job.state,
    progress: job.progress ?? 0,
    stage: job.stage ?? null,
    progressDetail: job.progress_detail ?? null,
    attempts: job.attempts ?? 0,
    maxAttempts: job.max_attempts ?? 1,
    payload: job.payload ?? null,
    result: job.result ?? null,
    resultPointer: job.result_pointer ?? null,
    error: job.error ?? null,
    createdAt: job.created_at,
    startedAt: job.started_at ?? null,
    finishedAt: job.finished_at ?? null,
  };
}
