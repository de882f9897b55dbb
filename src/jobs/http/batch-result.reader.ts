import { Inject, Injectable } from '@nestjs/common';
import { ARTIFACT_STORE, type ArtifactStore } from '../../storage/artifact-store.js';
import { batchPredictResultSchema, type BatchPredictResult } from '../job-payloads.js';
import type { JobView } from '../job-queue.port.js';
import { jobResultOf } from '../job-result.pointer.js';
import type { BatchSummaryDto } from './dto/batch-job-status.dto.js';
import { toBatchSummary } from './batch-result.format.js';
import { JobResultUnavailableError } from './job-http.errors.js';

/** Summaries of finished jobs kept in memory: clients poll a job's status, often long after it ended. */
const SUMMARY_CACHE_SIZE = 1_000;

/** Reads a completed batch-predict job's result: inline in the job, or behind its pointer. */
@Injectable()
export class BatchResultReader {
  /** By job id and finish time (a finished job's result never changes); oldest first. */
  private readonly summaries = new Map<string, BatchSummaryDto>();

  constructor(@Inject(ARTIFACT_STORE) private readonly store: ArtifactStore) {}

  async read(view: JobView): Promise<BatchPredictResult> {
    const raw = await this.raw(view);
    const parsed = batchPredictResultSchema.safeParse(raw);
    if (!parsed.success) throw new JobResultUnavailableError(view.id, parsed.error);
    return parsed.data;
  }

  /**
   * The summary of a completed job's result. Read from the result once, then from memory: a status
   * poll must not download a large stored result every time.
   */
  async summary(view: JobView): Promise<BatchSummaryDto> {
    const key = `${view.id}@${view.finishedAt ?? ''}`;
    const known = this.summaries.get(key);
    if (known) return known;
    const summary = toBatchSummary(await this.read(view));
    this.summaries.set(key, summary);
    if (this.summaries.size > SUMMARY_CACHE_SIZE) {
      const oldest = this.summaries.keys().next().value;
      if (oldest !== undefined) this.summaries.delete(oldest);
    }
    return summary;
  }

  private async raw(view: JobView): Promise<unknown> {
    try {
      return await jobResultOf(this.store, view);
    } catch (err) {
      throw new JobResultUnavailableError(view.id, err);
    }
  }
}
