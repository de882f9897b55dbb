import type { Target } from '../data/series-panel.js';
import type { Forecast } from '../forecasting/forecast.types.js';
import { recordPublishedForecasts } from '../monitoring/forecast-log/forecast-log.store.js';
import type { ArtifactStore } from '../storage/artifact-store.js';

const CACHE_SCHEMA_VERSION = 1;

/** The forecast cache as saved under `forecasts/<target>/<modelId>.json`. */
export interface StoredForecastCache {
  schemaVersion: number;
  modelId: string;
  target: Target;
  fingerprint: string;
  createdAt: string;
  forecasts: Forecast[];
}

export function forecastCacheKey(target: Target, modelId: string): string {
  return `forecasts/${target}/${modelId}.json`;
}

export async function saveForecastCache(
  store: ArtifactStore,
  cache: Omit<StoredForecastCache, 'schemaVersion'>,
): Promise<void> {
  const body: StoredForecastCache = { schemaVersion: CACHE_SCHEMA_VERSION, ...cache };
  await store.put(
    forecastCacheKey(cache.target, cache.modelId),
    new TextEncoder().encode(JSON.stringify(body)),
  );
  // Every saved cache is a published forecast set: log it for live accuracy (never throws).
  await recordPublishedForecasts(store, {
    modelVersion: cache.modelId,
    target: cache.target,
    source: 'cache',
    forecasts: cache.forecasts,
  });
}

/** The saved cache of a model when it exists and was computed from data with this fingerprint. */
export async function loadForecastCache(
  store: ArtifactStore,
  target: Target,
  modelId: string,
  fingerprint: string,
): Promise<StoredForecastCache | null> {
  const key = forecastCacheKey(target, modelId);
  if (!(await store.exists(key))) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(await store.get(key)));
  } catch {
    return null;
  }
  const c = parsed as Partial<StoredForecastCache> | null;
  if (
    c === null ||
    typeof c !== 'object' ||
    c.schemaVersion !== CACHE_SCHEMA_VERSION ||
    c.modelId !== modelId ||
    c.fingerprint !== fingerprint ||
    !Array.isArray(c.forecasts) ||
    typeof c.createdAt !== 'string'
  )
    return null;
  return c as StoredForecastCache;
}
