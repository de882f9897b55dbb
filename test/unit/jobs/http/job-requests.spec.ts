import {
  toBacktestPayload,
  toRefreshForecastsPayload,
  toTrainPayload,
} from '../../../../src/jobs/http/admin-job.requests.js';
import { toBatchPredictPayload } from '../../../../src/jobs/http/batch-predict.request.js';
import {
  backtestPayloadSchema,
  batchPredictPayloadSchema,
  refreshForecastsPayloadSchema,
  trainPayloadSchema,
} from '../../../../src/jobs/job-payloads.js';
import { RequestValidationError } from '../../../../src/common/validation/request-validation.error.js';

describe('HTTP bodies → job payloads', () => {
  it('maps a batch body: date becomes the cutoff the day before, defaults filled in', () => {
    const payload = toBatchPredictPayload({
      item_codes: ['a', 'b'],
      date: '2024-03-01',
      horizon: 7,
      format: 'csv',
      target: 'price',
      model: 'staging',
    });
    expect(payload).toEqual({
      target: 'price',
      model: 'staging',
      format: 'csv',
      seriesIds: ['a', 'b'],
      horizon: 7,
      cutoff: '2024-02-29',
    });
    expect(batchPredictPayloadSchema.parse(payload)).toEqual(payload);
    expect(toBatchPredictPayload({ date: '2023-01-01' }).cutoff).toBe('2022-12-31');
  });

  it('forecasts every item without item_codes, with all: true or all: false', () => {
    const every = { target: 'quantity', model: 'prod', format: 'json' };
    expect(toBatchPredictPayload({})).toEqual(every);
    expect(toBatchPredictPayload({ all: true })).toEqual(every);
    expect(toBatchPredictPayload({ all: false })).toEqual(every);
    expect(toBatchPredictPayload({ all: false, item_codes: ['x'] }).seriesIds).toEqual(['x']);
  });

  it('refuses item_codes with all: true as a field error', () => {
    const call = () => toBatchPredictPayload({ all: true, item_codes: ['x'] });
    expect(call).toThrow(RequestValidationError);
    let caught: unknown;
    try {
      call();
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('maps a retrain body to the train payload (camelCase, defaults, nothing undefined)', () => {
    const full = toTrainPayload({
      target: 'wholesale',
      models: ['ets'],
      params: { smoothing: 0.2 },
      time_budget_s: 12.5,
      promote: false,
      horizon: 21,
      epochs: 3,
      seed: 9,
      backtest_windows: 4,
    });
    expect(full).toEqual({
      target: 'wholesale',
      promote: false,
      kinds: ['ets'],
      params: { smoothing: 0.2 },
      timeBudgetSec: 12.5,
      horizon: 21,
      epochs: 3,
      seed: 9,
      backtestWindows: 4,
    });
    expect(trainPayloadSchema.safeParse(full).success).toBe(true);
    const bare = toTrainPayload({});
    expect(bare).toEqual({ target: 'quantity', promote: true });
    expect(Object.values(bare)).not.toContain(undefined);
  });

  it('maps a backtest body with exactly one of model and kind', () => {
    const byKind = toBacktestPayload({ kind: 'linear', params: { lambda: 1 }, windows: 2 });
    expect(byKind).toEqual({
      target: 'quantity',
      kind: 'linear',
      params: { lambda: 1 },
      windows: 2,
    });
    expect(backtestPayloadSchema.safeParse(byKind).success).toBe(true);
    expect(toBacktestPayload({ model: 'prod', target: 'price', horizon: 7 })).toEqual({
      target: 'price',
      model: 'prod',
      horizon: 7,
    });
    for (const body of [{}, { model: 'prod', kind: 'ets' }]) {
      expect(() => toBacktestPayload(body)).toThrow(RequestValidationError);
    }
  });

  it('maps a refresh body', () => {
    expect(toRefreshForecastsPayload({})).toEqual({});
    expect(toRefreshForecastsPayload({ target: 'price' })).toEqual({ target: 'price' });
    expect(refreshForecastsPayloadSchema.parse({})).toEqual({ model: 'prod' });
  });
});
