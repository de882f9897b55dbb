import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { BatchPredictResult } from '../job-payloads.js';
import type { ResultFormat } from './dto/batch-predict-request.dto.js';
import type { BatchSummaryDto } from './dto/batch-job-status.dto.js';
import { batchResultCsvChunks, batchResultJsonChunks } from './batch-result.chunks.js';

export function toBatchSummary(result: BatchPredictResult): BatchSummaryDto {
  return {
    model_version: result.modelVersion,
    target: result.target,
    horizon: result.horizon,
    cutoff: result.cutoff,
    series_count: result.seriesCount,
    missing: result.missing,
  };
}

/** The result as a streamed body in the format asked for. */
export function streamBatchResult(
  jobId: string,
  result: BatchPredictResult,
  format: ResultFormat,
): StreamableFile {
  if (format === 'csv') {
    return new StreamableFile(Readable.from(batchResultCsvChunks(result)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="forecast-${jobId}.csv"`,
    });
  }
  return new StreamableFile(Readable.from(batchResultJsonChunks(jobId, result)), {
    type: 'application/json; charset=utf-8',
  });
}
