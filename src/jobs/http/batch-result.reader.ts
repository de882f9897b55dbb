import { Inject, Injectable } from '@nestjs/common';
import { ARTIFACT_STORE, type ArtifactStore } from '../../storage/artifact-store.js';
import { batchPredictResultSchema, type BatchPredictResult } from '../job-payloads.js';
import type { JobView } from '../job-queue.port.js';
import { jobResultOf } from '../job-result.pointer.js';
import { JobResultUnavailableError } from './job-http.errors.js';

/** Reads a completed batch-predict job's result: inline in the job, or behind its pointer. */
@Injectable()
export class BatchResultReader {
  constructor(@Inject(ARTIFACT_STORE) private readonly store: ArtifactStore) {}

  async read(view: JobView): Promise<BatchPredictResult> {
    const raw = await this.raw(view);
    const parsed = batchPredictResultSchema.safeParse(raw);
    if (!parsed.success) throw new JobResultUnavailableError(view.id, parsed.error);
    return parsed.data;
  }

  private async raw(view: JobView): Promise<unknown> {
    try {
      return await jobResultOf(this.store, view);
    } catch (err) {
      throw new JobResultUnavailableError(view.id, err);
    }
  }
}
