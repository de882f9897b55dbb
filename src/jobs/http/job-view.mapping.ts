import type { JobView } from '../job-queue.port.js';
import type { BatchJobStatusDto, BatchSummaryDto } from './dto/batch-job-status.dto.js';
import type { JobDetailDto } from './dto/job-detail.dto.js';
import { jobUrls } from './job-urls.js';

/** The batch-predict job as GET /predict/jobs/:id answers it (`summary` when completed, else null). */
export function toBatchJobStatus(
  view: JobView,
  summary: BatchSummaryDto | null,
): BatchJobStatusDto {
  const completed = view.state === 'completed';
  return {
    job_id: view.id,
    name: view.name,
    state: view.state,
    progress: view.progress,
    stage: view.stage,
    attempts: view.attempts,
    max_attempts: view.maxAttempts,
    created_at: view.createdAt,
    started_at: view.startedAt,
    finished_at: view.finishedAt,
    error: view.error,
    result_url: completed ? jobUrls.batchResult(view.id) : null,
    summary: completed ? summary : null,
  };
}

/** A job in full, as the admin routes answer it. */
export function toJobDetail(view: JobView): JobDetailDto {
  return {
    job_id: view.id,
    name: view.name,
    state: view.state,
    progress: view.progress,
    stage: view.stage,
    progress_detail: view.progressDetail,
    attempts: view.attempts,
    max_attempts: view.maxAttempts,
    payload: view.payload,
    result: view.result,
    result_pointer: view.resultPointer,
    error: view.error,
    submitted_by: view.submittedBy ?? null,
    created_at: view.createdAt,
    started_at: view.startedAt,
    finished_at: view.finishedAt,
  };
}
