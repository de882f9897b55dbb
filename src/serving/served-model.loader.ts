import type { SeriesPanel, Target } from '../data/series-panel.js';
import type { Forecast } from '../forecasting/forecast.types.js';
import { loadForecaster } from '../forecasting/forecaster.registry.js';
import type { ModelRegistryService } from '../registry/model-registry.service.js';
import type { ModelVersion } from '../registry/model-manifest.schema.js';
import type { ArtifactStore } from '../storage/artifact-store.js';
import { panelFingerprint } from '../data/data-fingerprint.js';
import { loadForecastCache, saveForecastCache } from '../registry/forecast-cache.store.js';
import { ServedModel } from './served-model.js';

export interface ServedModelDeps {
  registry: ModelRegistryService;
  store: ArtifactStore;
  /** Called when the computed cache could not be saved (serving goes on without it). */
  onSaveError?: (err: unknown) => void;
}

/**
 * Loads a registered model and its forecast cache over the panel: the saved cache when it was made
 * by this model from the same data (fingerprint), else every series forecast now and saved.
 */
export async function loadServedModel(
  deps: ServedModelDeps,
  version: ModelVersion,
  panel: SeriesPanel,
): Promise<ServedModel> {
  const target: Target = version.target;
  const { source } = await deps.registry.openArtifacts(version.id);
  const forecaster = await loadForecaster(source);
  try {
    const fingerprint = panelFingerprint(panel, target);
    const stored = await loadForecastCache(deps.store, target, version.id, fingerprint);
    let forecasts: Forecast[];
    let createdAt: string;
    if (stored) {
      forecasts = stored.forecasts;
      createdAt = stored.createdAt;
    } else {
      forecasts = await forecaster.predict({ panel, horizon: version.horizon });
      createdAt = new Date().toISOString();
      try {
        await saveForecastCache(deps.store, {
          modelId: version.id,
          target,
          fingerprint,
          createdAt,
          forecasts,
        });
      } catch (err) {
        deps.onSaveError?.(err);
      }
    }
    const cache = new Map(forecasts.map((f) => [f.seriesId, f]));
    return new ServedModel(
      version.id,
      target,
      version.horizon,
      forecaster,
      cache,
      createdAt,
      fingerprint,
      stored ? 'store' : 'computed',
    );
  } catch (err) {
    forecaster.dispose();
    throw err;
  }
}
