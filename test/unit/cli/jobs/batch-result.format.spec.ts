import {
  countResultItems,
  renderBatchResult,
} from '../../../../src/cli/jobs/batch-result.format.js';
import type { BatchPredictResult } from '../../../../src/jobs/job-payloads.js';

const result: BatchPredictResult = {
  modelVersion: 'quantity-ets-20261129T010000Z-abc123',
  target: 'quantity',
  horizon: 2,
  cutoff: '2026-11-28',
  seriesCount: 2,
  missing: ['ZZZ'],
  forecasts: [
    {
      seriesId: 'A1',
      dates: ['2026-11-29', '2026-11-30'],
      mean: [10.5, 11],
      quantiles: { p10: [8, 9], p50: [10, 11], p90: [13, 14] },
    },
    {
      seriesId: 'B,2',
      dates: ['2026-11-29', '2026-11-30'],
      mean: [1, 2],
      quantiles: { p10: [0.5, 1], p50: [1, 2], p90: [1.5, 3] },
    },
  ],
};

describe('batch result formatting (CLI, Redis mode)', () => {
  it('gives the JSON shape of GET /predict/jobs/:id/result', () => {
    const json: unknown = JSON.parse(renderBatchResult('batch-predict.x', result, 'json'));
    expect(json).toEqual({
      job_id: 'batch-predict.x',
      model_version: 'quantity-ets-20261129T010000Z-abc123',
      target: 'quantity',
      horizon: 2,
      cutoff: '2026-11-28',
      missing: ['ZZZ'],
      forecasts: [
        {
          item_code: 'A1',
          forecast: [
            { date: '2026-11-29', mean: 10.5, p10: 8, p50: 10, p90: 13 },
            { date: '2026-11-30', mean: 11, p10: 9, p50: 11, p90: 14 },
          ],
        },
        {
          item_code: 'B,2',
          forecast: [
            { date: '2026-11-29', mean: 1, p10: 0.5, p50: 1, p90: 1.5 },
            { date: '2026-11-30', mean: 2, p10: 1, p50: 2, p90: 3 },
          ],
        },
      ],
    });
  });

  it('writes one CSV line per item and date, quoting cells that need it', () => {
    expect(renderBatchResult('j', result, 'csv').split('\n')).toEqual([
      'item_code,date,mean,p10,p50,p90',
      'A1,2026-11-29,10.5,8,10,13',
      'A1,2026-11-30,11,9,11,14',
      '"B,2",2026-11-29,1,0.5,1,1.5',
      '"B,2",2026-11-30,2,1,2,3',
      '',
    ]);
  });

  it('counts the items of a result text in either format', () => {
    expect(countResultItems(renderBatchResult('j', result, 'csv'), 'csv')).toBe(2);
    expect(countResultItems(renderBatchResult('j', result, 'json'), 'json')).toBe(2);
    expect(countResultItems('item_code,date,mean,p10,p50,p90\n', 'csv')).toBe(0);
    const json = renderBatchResult('j', result, 'json');
    expect(json.endsWith('}\n')).toBe(true);
  });
});
