import type { Forecaster } from '../../src/forecasting/forecast.types.js';
import { loadForecaster, saveForecaster } from '../../src/forecasting/forecaster.registry.js';
import { MemoryBlobStore } from './memory-blob-store.js';

/**
 * Saves a fitted forecaster, drops the named params from its saved header (as a model saved before
 * those params existed has them) and loads it back.
 */
export async function restoreWithoutParams(
  f: Forecaster,
  dropped: readonly string[],
): Promise<Forecaster> {
  const store = new MemoryBlobStore();
  await saveForecaster(f, store);
  const header = JSON.parse(new TextDecoder().decode(store.blobs.get('forecaster.json'))) as {
    params: Record<string, unknown>;
  };
  for (const key of dropped) delete header.params[key];
  await store.put('forecaster.json', new TextEncoder().encode(JSON.stringify(header)));
  return loadForecaster(store);
}
