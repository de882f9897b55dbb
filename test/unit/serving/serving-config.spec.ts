import { loadConfig } from '../../../src/config/config.loader.js';
import { SERVING_LIMITS } from '../../../src/serving/serving.limits.js';

describe('serving config section', () => {
  it('defaults to the limits the API always had', () => {
    const { serving } = loadConfig({ env: { NODE_ENV: 'test' } });
    expect(serving).toEqual({
      maxItems: SERVING_LIMITS.maxItems,
      maxHistoryDays: SERVING_LIMITS.maxHistoryDays,
      maxHistoryValue: SERVING_LIMITS.maxHistoryValue,
      batchSize: SERVING_LIMITS.batchSize,
      batchWaitMs: SERVING_LIMITS.batchWaitMs,
    });
  });

  it('takes FRESHCAST_SERVING__* environment variables and overrides', () => {
    const { serving } = loadConfig({
      env: {
        NODE_ENV: 'test',
        FRESHCAST_SERVING__MAX_ITEMS: '7',
        FRESHCAST_SERVING__MAX_HISTORY_DAYS: '400',
        FRESHCAST_SERVING__BATCH_WAIT_MS: '5',
      },
      overrides: { serving: { batchSize: 128 } },
    });
    expect(serving).toMatchObject({
      maxItems: 7,
      maxHistoryDays: 400,
      batchWaitMs: 5,
      batchSize: 128,
    });
  });

  it('rejects a limit that makes no sense', () => {
    expect(() =>
      loadConfig({ env: { NODE_ENV: 'test', FRESHCAST_SERVING__MAX_ITEMS: '0' } }),
    ).toThrow(/serving\.maxItems/);
  });
});
