import {
  batchResultCsvChunks,
  batchResultJsonChunks,
} from '../../jobs/http/batch-result.chunks.js';
import type { BatchPredictResult } from '../../jobs/job-payloads.js';
import type { BatchFormat } from './jobs-client.js';

/** The result text in the asked format, as `GET /predict/jobs/:id/result` answers it. */
export function renderBatchResult(
  jobId: string,
  result: BatchPredictResult,
  format: BatchFormat,
): string {
  const chunks =
    format === 'csv' ? batchResultCsvChunks(result) : batchResultJsonChunks(jobId, result);
  const text = [...chunks].join('');
  return format === 'csv' ? text : `${text}\n`;
}

/** How many items a result text (JSON or CSV, from either transport) holds forecasts for. */
export function countResultItems(text: string, format: BatchFormat): number {
  if (format === 'csv') {
    const items = new Set<string>();
    for (const line of text.split(/\r?\n/).slice(1)) {
      if (line.trim() !== '') items.add(firstCsvCell(line));
    }
    return items.size;
  }
  const parsed: unknown = JSON.parse(text);
  const forecasts: unknown =
    typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'forecasts') : undefined;
  return Array.isArray(forecasts) ? forecasts.length : 0;
}

function firstCsvCell(line: string): string {
  if (!line.startsWith('"')) return line.split(',')[0];
  const end = line.indexOf('",');
  return (end < 0 ? line.slice(1) : line.slice(1, end)).replace(/""/g, '"');
}
