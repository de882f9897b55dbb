import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Forecast } from '../../../src/forecasting/forecast.types.js';
import { ActualsStore } from '../../../src/monitoring/actuals/actuals.store.js';
import {
  loggedOrigins,
  readForecastLog,
  writeForecastLog,
} from '../../../src/monitoring/forecast-log/forecast-log.store.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';

function forecast(seriesId: string, first: string, p50: number[]): Forecast {
  const start = Date.parse(`${first}T00:00:00Z`);
  const dates = p50.map((_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
  return {
    seriesId,
    dates,
    mean: p50,
    quantiles: { p10: p50.map((v) => v - 1), p50, p90: p50.map((v) => v + 1.23456) },
  };
}

describe('forecast log and actuals on the disk artifact store', () => {
  let dir: string;
  let store: DiskArtifactStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'freshcast-monitor-'));
    store = new DiskArtifactStore(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes one gzipped part per origin, partitioned by target and date, idempotently', async () => {
    const set = {
      modelVersion: 'quantity-linear-20260101T000000Z-abc123',
      target: 'quantity' as const,
      source: 'cache',
      forecasts: [forecast('a', '2023-07-01', [1, 2, 3]), forecast('b', '2023-07-01', [4, 5, 6])],
    };
    const keys = await writeForecastLog(store, set);
    expect(keys).toEqual([
      'monitoring/forecast-log/target=quantity/origin=2023-06-30/quantity-linear-20260101T000000Z-abc123.cache.jsonl.gz',
    ]);
    await writeForecastLog(store, set);
    expect(await store.list('monitoring/forecast-log/')).toEqual(keys);
    const read = await readForecastLog(store, 'quantity', '2023-06-30');
    expect(read).toEqual([
      {
        modelVersion: set.modelVersion,
        origin: '2023-06-30',
        seriesId: 'a',
        p10: [0, 1, 2],
        p50: [1, 2, 3],
        p90: [2.235, 3.235, 4.235],
      },
      expect.objectContaining({ seriesId: 'b', p50: [4, 5, 6] }),
    ]);
    expect(await loggedOrigins(store, 'quantity', '2023-06-01', '2023-06-30')).toEqual([
      '2023-06-30',
    ]);
    expect(await loggedOrigins(store, 'quantity', '2023-07-01', '2023-07-31')).toEqual([]);
  });

  it('keeps each (model, item) of an origin once when a batch repeats the cache', async () => {
    const model = 'quantity-ets-20260101T000000Z-def456';
    await writeForecastLog(store, {
      modelVersion: model,
      target: 'quantity',
      source: 'batch-Job 1',
      forecasts: [forecast('a', '2023-07-01', [9, 9])],
    });
    await writeForecastLog(store, {
      modelVersion: model,
      target: 'quantity',
      source: 'cache',
      forecasts: [forecast('a', '2023-07-01', [1, 1]), forecast('c', '2023-07-01', [2, 2])],
    });
    const keys = await store.list('monitoring/forecast-log/');
    expect(keys.map((k) => k.split('/').at(-1))).toEqual([
      `${model}.batch-job-1.jsonl.gz`,
      `${model}.cache.jsonl.gz`,
    ]);
    const read = await readForecastLog(store, 'quantity', '2023-06-30');
    expect(read.map((f) => [f.seriesId, f.p50[0]])).toEqual([
      ['a', 9],
      ['c', 2],
    ]);
  });

  it('upserts actuals per item-day: the same batch twice changes nothing', async () => {
    const actuals = new ActualsStore(store);
    const rows = [
      { seriesId: 'a', date: '2023-07-01', y: 1.5 },
      { seriesId: 'b', date: '2023-07-01', y: 0 },
      { seriesId: 'a', date: '2023-07-02', y: 2 },
    ];
    expect(await actuals.write('quantity', rows)).toEqual({
      rows: 3,
      changed: 3,
      unchanged: 0,
      days: ['2023-07-01', '2023-07-02'],
    });
    const before = await store.get('monitoring/actuals/target=quantity/ds=2023-07-01.json');
    expect(await actuals.write('quantity', rows)).toMatchObject({ changed: 0, unchanged: 3 });
    expect(await store.get('monitoring/actuals/target=quantity/ds=2023-07-01.json')).toEqual(
      before,
    );
    expect(
      await actuals.write('quantity', [{ seriesId: 'a', date: '2023-07-01', y: 3 }]),
    ).toMatchObject({ changed: 1, unchanged: 0 });
    const read = await actuals.read('quantity', '2023-07-01', '2023-07-31');
    expect([...read.keys()]).toEqual(['2023-07-01', '2023-07-02']);
    expect(Object.fromEntries(read.get('2023-07-01') ?? [])).toEqual({ a: 3, b: 0 });
    expect(await actuals.lastDay('quantity')).toBe('2023-07-02');
    expect(await actuals.lastDay('price')).toBeNull();
  });
});
