import { Readable } from 'node:stream';
import { roundKg } from '../../../../src/common/wire-numbers.js';
import {
  batchResultCsvChunks,
  batchResultJsonChunks,
  csvRowsOf,
  ITEMS_PER_CHUNK,
} from '../../../../src/jobs/http/batch-result.chunks.js';
import {
  streamBatchResult,
  toBatchSummary,
} from '../../../../src/jobs/http/batch-result.format.js';
import type { BatchPredictResult } from '../../../../src/jobs/job-payloads.js';

function result(items: number, days: number): BatchPredictResult {
  const dates = Array.from({ length: days }, (_, d) => `2023-07-${String(d + 1).padStart(2, '0')}`);
  const series = (s: number, scale: number): number[] =>
    dates.map((_, d) => (s + 1) * scale + d / 3 + 0.1);
  return {
    modelVersion: 'quantity-ets-20230701T000000Z-ab12cd',
    target: 'quantity',
    horizon: days,
    cutoff: '2023-06-30',
    seriesCount: items,
    missing: ['gone'],
    forecasts: Array.from({ length: items }, (_, s) => ({
      seriesId: `item-${s}`,
      dates,
      mean: series(s, 10),
      quantiles: { p10: series(s, 7), p50: series(s, 9.5), p90: series(s, 13) },
    })),
  };
}

async function collect(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

describe('batch result formats', () => {
  it('summarises a result in snake_case without the forecasts', () => {
    expect(toBatchSummary(result(3, 2))).toEqual({
      model_version: 'quantity-ets-20230701T000000Z-ab12cd',
      target: 'quantity',
      horizon: 2,
      cutoff: '2023-06-30',
      series_count: 3,
      missing: ['gone'],
    });
  });

  it('writes JSON in chunks that join into the whole document', () => {
    const r = result(ITEMS_PER_CHUNK * 2 + 3, 4);
    const chunks = [...batchResultJsonChunks('batch-predict.x', r)];
    // head, three groups of items, tail
    expect(chunks).toHaveLength(5);
    const doc = JSON.parse(chunks.join('')) as {
      job_id: string;
      forecasts: { item_code: string; forecast: Record<string, unknown>[] }[];
    };
    expect(doc).toMatchObject({
      job_id: 'batch-predict.x',
      model_version: r.modelVersion,
      target: 'quantity',
      horizon: 4,
      cutoff: '2023-06-30',
      missing: ['gone'],
    });
    expect(doc.forecasts.map((f) => f.item_code)).toEqual(r.forecasts.map((f) => f.seriesId));
    const f5 = r.forecasts[5];
    expect(doc.forecasts[5].forecast[2]).toEqual({
      date: f5.dates[2],
      mean: roundKg(f5.mean[2]),
      p10: roundKg(f5.quantiles.p10[2]),
      p50: roundKg(f5.quantiles.p50[2]),
      p90: roundKg(f5.quantiles.p90[2]),
    });
  });

  it('writes valid JSON with no forecasts at all', () => {
    const r = { ...result(0, 3), missing: ['a', 'b'] };
    expect(JSON.parse([...batchResultJsonChunks('j', r)].join(''))).toEqual({
      job_id: 'j',
      model_version: r.modelVersion,
      target: 'quantity',
      horizon: 3,
      cutoff: '2023-06-30',
      missing: ['a', 'b'],
      forecasts: [],
    });
  });

  it('writes one CSV row per item and day whose numbers read back as the JSON writes them', () => {
    const r = result(ITEMS_PER_CHUNK + 1, 5);
    const chunks = [...batchResultCsvChunks(r)];
    expect(chunks).toHaveLength(3);
    const lines = chunks.join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('item_code,date,mean,p10,p50,p90');
    expect(lines).toHaveLength(1 + r.forecasts.length * 5);
    const [item, date, mean, p10, p50, p90] = lines[5 * 3 + 2 + 1].split(',');
    const f = r.forecasts[3];
    expect(item).toBe(f.seriesId);
    expect(date).toBe(f.dates[2]);
    expect([mean, p10, p50, p90].map(Number)).toEqual(
      [f.mean[2], f.quantiles.p10[2], f.quantiles.p50[2], f.quantiles.p90[2]].map(roundKg),
    );
  });

  it('rounds float32 noise away: kg to 3 decimals, prices to 4, in JSON and CSV', () => {
    const noisy = Math.fround(20.06066047651757);
    const cost = Math.fround(1.12);
    expect([noisy, cost]).toEqual([20.06066131591797, 1.1200000047683716]);
    const one = (target: BatchPredictResult['target'], v: number): BatchPredictResult => ({
      ...result(1, 1),
      target,
      forecasts: [
        {
          seriesId: 'a',
          dates: ['2023-07-01'],
          mean: [v],
          quantiles: { p10: [v], p50: [v], p90: [v] },
        },
      ],
    });
    const kgJson = [...batchResultJsonChunks('j', one('quantity', noisy))].join('');
    expect(kgJson).toContain('"mean":20.061,"p10":20.061,"p50":20.061,"p90":20.061');
    expect([...batchResultCsvChunks(one('quantity', noisy))].join('')).toBe(
      'item_code,date,mean,p10,p50,p90\na,2023-07-01,20.061,20.061,20.061,20.061\n',
    );
    const priceJson = [...batchResultJsonChunks('j', one('wholesale', cost))].join('');
    expect(priceJson).toContain('"mean":1.12,"p10":1.12,"p50":1.12,"p90":1.12');
    expect([...batchResultCsvChunks(one('price', Math.fround(3.14159)))].join('')).toBe(
      'item_code,date,mean,p10,p50,p90\na,2023-07-01,3.1416,3.1416,3.1416,3.1416\n',
    );
  });

  it('quotes item codes that hold commas or quotes', () => {
    const [f] = result(1, 1).forecasts;
    const rows = csvRowsOf({ ...f, seriesId: 'a,"b"' }, roundKg);
    expect(rows.startsWith('"a,""b""",2023-07-01,')).toBe(true);
  });

  it('streams CSV as an attachment and JSON as application/json', async () => {
    const r = result(2, 3);
    const csv = streamBatchResult('batch-predict.k-1', r, 'csv');
    expect(csv.getHeaders()).toEqual({
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="forecast-batch-predict.k-1.csv"',
      length: undefined,
    });
    expect(await collect(csv.getStream())).toBe([...batchResultCsvChunks(r)].join(''));
    const json = streamBatchResult('batch-predict.k-1', r, 'json');
    expect(json.getHeaders().type).toBe('application/json; charset=utf-8');
    expect(json.getHeaders().disposition).toBeUndefined();
    const doc = JSON.parse(await collect(json.getStream())) as { forecasts: unknown[] };
    expect(doc.forecasts).toHaveLength(2);
  });
});
