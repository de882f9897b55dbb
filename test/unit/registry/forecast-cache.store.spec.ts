import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  forecastCacheKey,
  loadForecastCache,
  saveForecastCache,
} from '../../../src/registry/forecast-cache.store.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';

describe('forecast cache in the artifact store', () => {
  let root: string;
  let store: DiskArtifactStore;
  const forecast = {
    seriesId: 'a',
    dates: ['2023-01-02'],
    mean: [1.5],
    quantiles: { p10: [1], p50: [1.5], p90: [2] },
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fc-cache-'));
    store = new DiskArtifactStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('round-trips under forecasts/<target>/<modelId>.json when model and data match', async () => {
    await saveForecastCache(store, {
      modelId: 'quantity-ets-x',
      target: 'quantity',
      fingerprint: 'sha256:1',
      createdAt: '2023-01-01T00:00:00.000Z',
      forecasts: [forecast],
    });
    expect(forecastCacheKey('quantity', 'quantity-ets-x')).toBe(
      'forecasts/quantity/quantity-ets-x.json',
    );
    expect(await store.exists('forecasts/quantity/quantity-ets-x.json')).toBe(true);
    const loaded = await loadForecastCache(store, 'quantity', 'quantity-ets-x', 'sha256:1');
    expect(loaded?.forecasts).toEqual([forecast]);
  });

  it('ignores a cache made from other data, a missing one and a corrupt one', async () => {
    await saveForecastCache(store, {
      modelId: 'm',
      target: 'quantity',
      fingerprint: 'sha256:old',
      createdAt: 'x',
      forecasts: [forecast],
    });
    expect(await loadForecastCache(store, 'quantity', 'm', 'sha256:new')).toBeNull();
    expect(await loadForecastCache(store, 'quantity', 'other', 'sha256:old')).toBeNull();
    await store.put(forecastCacheKey('price', 'm'), new TextEncoder().encode('{not json'));
    expect(await loadForecastCache(store, 'price', 'm', 'sha256:old')).toBeNull();
  });
});
