import { MAX_HORIZON_DAYS } from '../../../src/common/forecast-horizon.js';
import { forecastingConfigSchema } from '../../../src/config/forecasting.config.js';
import { batchPredictPayloadSchema } from '../../../src/jobs/job-payloads.js';
import { backtestProtocolSchema } from '../../../src/registry/model-manifest.schema.js';
import { compilePredictRequestValidator } from '../../../src/serving/dto/predict-request.validator.js';
import { SERVING_LIMITS } from '../../../src/serving/serving.limits.js';

describe('one horizon cap', () => {
  it('is 60 days', () => {
    expect(MAX_HORIZON_DAYS).toBe(60);
    expect(SERVING_LIMITS.maxHorizon).toBe(MAX_HORIZON_DAYS);
  });

  it('is where /predict validation stops', () => {
    const validate = compilePredictRequestValidator();
    expect(validate({ item_code: 'a', horizon: MAX_HORIZON_DAYS }).ok).toBe(true);
    expect(validate({ item_code: 'a', horizon: MAX_HORIZON_DAYS + 1 })).toEqual({
      ok: false,
      errors: [
        { field: 'horizon', message: `horizon must not be greater than ${MAX_HORIZON_DAYS}` },
      ],
    });
  });

  it('is where config, job payloads and manifests stop', () => {
    const horizonOf = (h: number) => forecastingConfigSchema.shape.horizon.safeParse(h).success;
    expect([horizonOf(MAX_HORIZON_DAYS), horizonOf(MAX_HORIZON_DAYS + 1)]).toEqual([true, false]);
    const job = (h: number) =>
      batchPredictPayloadSchema.safeParse({
        target: 'quantity',
        model: 'prod',
        format: 'json',
        horizon: h,
      }).success;
    expect([job(MAX_HORIZON_DAYS), job(MAX_HORIZON_DAYS + 1)]).toEqual([true, false]);
    const protocol = (h: number) =>
      backtestProtocolSchema.safeParse({ horizon: h, windows: 3, step: 7 }).success;
    expect([protocol(MAX_HORIZON_DAYS), protocol(MAX_HORIZON_DAYS + 1)]).toEqual([true, false]);
  });
});
