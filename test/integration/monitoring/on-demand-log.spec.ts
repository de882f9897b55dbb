import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Forecast } from '../../../src/forecasting/forecast.types.js';
import { readForecastLog } from '../../../src/monitoring/forecast-log/forecast-log.store.js';
import { OnDemandForecastLog } from '../../../src/monitoring/forecast-log/on-demand-log.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';

const forecast = (seriesId: string, level: number): Forecast => ({
  seriesId,
  dates: ['2023-07-02', '2023-07-03'],
  mean: [level, level],
  quantiles: { p10: [level - 1, level - 1], p50: [level, level], p90: [level + 1, level + 1.0004] },
});

describe('OnDemandForecastLog over a real artifact store', () => {
  let dir: string;
  let store: DiskArtifactStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'freshcast-ondemand-'));
    store = new DiskArtifactStore(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes buffered answers as one part per model and flush, readable by scoring', async () => {
    const log = new OnDemandForecastLog(store, { flushSec: 3600, maxBuffered: 100 });
    log.record('m1', 'quantity', forecast('a', 5));
    log.record('m2', 'quantity', forecast('a', 7));
    log.record('m1', 'price', forecast('a', 2));
    expect(await readForecastLog(store, 'quantity', '2023-07-01')).toEqual([]);
    await log.flush();
    log.record('m1', 'quantity', forecast('b', 9));
    await log.close();

    const logged = await readForecastLog(store, 'quantity', '2023-07-01');
    const byKey = new Map(logged.map((f) => [`${f.modelVersion}/${f.seriesId}`, f]));
    expect([...byKey.keys()].sort()).toEqual(['m1/a', 'm1/b', 'm2/a']);
    expect(byKey.get('m1/a')).toEqual({
      modelVersion: 'm1',
      origin: '2023-07-01',
      seriesId: 'a',
      p10: [4, 4],
      p50: [5, 5],
      p90: [6, 6],
    });
    expect(byKey.get('m2/a')?.p50).toEqual([7, 7]);
    expect(await readForecastLog(store, 'price', '2023-07-01')).toHaveLength(1);
    const parts = await store.list('monitoring/forecast-log/target=quantity/');
    expect(parts.filter((k) => k.includes('.on-demand-'))).toHaveLength(3);
    expect(log.written).toBe(4);
    expect(log.buffered).toBe(0);
  });

  it('keeps at most maxBuffered answers between writes, dropping the oldest', async () => {
    const log = new OnDemandForecastLog(store, { flushSec: 3600, maxBuffered: 2 });
    for (const id of ['a', 'b', 'c']) log.record('m1', 'quantity', forecast(id, 1));
    expect(log.dropped).toBe(1);
    await log.close();
    const ids = (await readForecastLog(store, 'quantity', '2023-07-01')).map((f) => f.seriesId);
    expect(ids.sort()).toEqual(['b', 'c']);
  });

  it('writes on its own after flushSec', async () => {
    const log = new OnDemandForecastLog(store, { flushSec: 1, maxBuffered: 10 });
    log.record('m1', 'quantity', forecast('a', 3));
    for (let i = 0; i < 100 && log.written === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(log.written).toBe(1);
    expect(await readForecastLog(store, 'quantity', '2023-07-01')).toHaveLength(1);
    await log.close();
  });
});
