import { loadConfig } from '../../../src/config/config.loader.js';
import { SERVING_LIMITS } from '../../../src/serving/serving.limits.js';
import { isoEpochDay } from '../../../src/serving/on-demand-panel.js';
import { toEpochDay } from '../../../src/data/dates.js';

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

describe('isoEpochDay', () => {
  it('gives the same answers as toEpochDay, valid dates or not', () => {
    const samples: string[] = [];
    for (let d = -800_000; d <= 2_900_000; d += 997) {
      samples.push(new Date(d * 86_400_000).toISOString().slice(0, 10));
    }
    samples.push(
      '2024-02-29',
      '2023-02-29',
      '1900-02-29',
      '2000-02-29',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '2023-01-00',
      '0050-01-01',
      '2023-1-01',
      '2023/01/01',
      '20230101',
      '2023-01-01T',
      'abcd-ef-gh',
      '',
    );
    for (const s of samples) expect([s, isoEpochDay(s)]).toEqual([s, toEpochDay(s)]);
  });
});
