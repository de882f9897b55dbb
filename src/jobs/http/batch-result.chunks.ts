import { roundFor } from '../../common/wire-numbers.js';
import { csvTextField } from '../../data/panel/csv-number.format.js';
import type { BatchPredictResult } from '../job-payloads.js';

/**
 * A batch-predict result in the shape `GET /predict/jobs/:id/result` answers, as text chunks (the
 * API streams them; the CLI joins them), JSON or CSV. Values are rounded for people as the target
 * reads (src/common/wire-numbers.ts: kg for quantity, money for prices); the stored result keeps
 * full precision.
 */

type SeriesForecast = BatchPredictResult['forecasts'][number];

export const BATCH_CSV_HEADER = 'item_code,date,mean,p10,p50,p90';

/** Items written per chunk. */
export const ITEMS_PER_CHUNK = 16;

/** One item of the JSON result: `{item_code, forecast: [{date, mean, p10, p50, p90}]}`. */
export function toItemForecast(
  f: SeriesForecast,
  round: (x: number) => number,
): {
  item_code: string;
  forecast: { date: string; mean: number; p10: number; p50: number; p90: number }[];
} {
  return {
    item_code: f.seriesId,
    forecast: f.dates.map((date, i) => ({
      date,
      mean: round(f.mean[i]),
      p10: round(f.quantiles.p10[i]),
      p50: round(f.quantiles.p50[i]),
      p90: round(f.quantiles.p90[i]),
    })),
  };
}

/** The JSON result body in chunks: the head, then ITEMS_PER_CHUNK items at a time, then the tail. */
export function* batchResultJsonChunks(
  jobId: string,
  result: BatchPredictResult,
): Generator<string> {
  const head = {
    job_id: jobId,
    model_version: result.modelVersion,
    target: result.target,
    horizon: result.horizon,
    cutoff: result.cutoff,
    missing: result.missing,
  };
  const headJson = JSON.stringify(head);
  yield `${headJson.slice(0, -1)},"forecasts":[`;
  const { forecasts } = result;
  const round = roundFor(result.target);
  for (let start = 0; start < forecasts.length; start += ITEMS_PER_CHUNK) {
    const items = forecasts
      .slice(start, start + ITEMS_PER_CHUNK)
      .map((f) => JSON.stringify(toItemForecast(f, round)));
    yield (start === 0 ? '' : ',') + items.join(',');
  }
  yield ']}';
}

/** CSV rows of one item, one per day: `item_code,date,mean,p10,p50,p90` (numbers as JSON writes them). */
export function csvRowsOf(f: SeriesForecast, round: (x: number) => number): string {
  const code = csvTextField(f.seriesId);
  const { p10, p50, p90 } = f.quantiles;
  let out = '';
  for (let i = 0; i < f.dates.length; i++) {
    out +=
      `${code},${f.dates[i]},${String(round(f.mean[i]))},${String(round(p10[i]))},` +
      `${String(round(p50[i]))},${String(round(p90[i]))}\n`;
  }
  return out;
}

/** The CSV result body in chunks: the header line, then ITEMS_PER_CHUNK items' rows at a time. */
export function* batchResultCsvChunks(result: BatchPredictResult): Generator<string> {
  yield `${BATCH_CSV_HEADER}\n`;
  const { forecasts } = result;
  const round = roundFor(result.target);
  for (let start = 0; start < forecasts.length; start += ITEMS_PER_CHUNK) {
    yield forecasts
      .slice(start, start + ITEMS_PER_CHUNK)
      .map((f) => csvRowsOf(f, round))
      .join('');
  }
}
