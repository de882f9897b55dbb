import type { SeriesPanel, Target } from '../../data/series-panel.js';
import type { Forecast } from '../../forecasting/forecast.types.js';
import { loadForecaster } from '../../forecasting/forecaster.registry.js';
import { countObserved } from '../../forecasting/stats/series-history.js';
import type { ModelRegistryService } from '../../registry/model-registry.service.js';
import type { ModelVersion } from '../../registry/model-manifest.schema.js';
import { loadForecastCache, saveForecastCache } from '../../registry/forecast-cache.store.js';
import type { ArtifactStore } from '../../storage/artifact-store.js';
import { panelFingerprint } from '../../data/data-fingerprint.js';

export interface ModelForecastDeps {
  registry: ModelRegistryService;
  store: ArtifactStore;
}

export interface ModelForecastRequest {
  /** Forecast from the day after; default (and the only case the saved cache covers): the panel's last date. */
  cutoff?: string;
  /** Default: every series the model can forecast. Ids it cannot (unknown, too little history) are left out. */
  seriesIds?: string[];
}

export interface ModelForecasts {
  forecasts: Forecast[];
  /** `store`: the model's saved forecast cache of this very data; `computed`: the model ran now. */
  source: 'store' | 'computed';
}

/**
 * Forecasts of a registered model over the panel, over its whole horizon. From the last date of the
 * data, the forecast cache the server saved for this model and data (same fingerprint) is reused;
 * otherwise the model runs, and a full run from the last date is saved as that cache so the API's
 * next load is warm.
 */
export async function forecastWithModel(
  deps: ModelForecastDeps,
  version: ModelVersion,
  panel: SeriesPanel,
  req: ModelForecastRequest = {},
): Promise<ModelForecasts> {
  const target: Target = version.target;
  const lastDate = panel.dates[panel.dates.length - 1];
  const fromEnd = req.cutoff === undefined || req.cutoff === lastDate;
  const fingerprint = fromEnd ? panelFingerprint(panel, target) : '';
  if (fromEnd) {
    const stored = await loadForecastCache(deps.store, target, version.id, fingerprint);
    if (stored) return { forecasts: pick(stored.forecasts, req.seriesIds), source: 'store' };
  }
  const { source } = await deps.registry.openArtifacts(version.id);
  const forecaster = await loadForecaster(source);
  try {
    const all = fromEnd && req.seriesIds === undefined;
    const seriesIds =
      req.seriesIds &&
      withHistory(
        panel,
        target,
        req.cutoff ?? lastDate,
        forecaster.capabilities.minHistory,
        req.seriesIds,
      );
    if (seriesIds?.length === 0) return { forecasts: [], source: 'computed' };
    const forecasts = await forecaster.predict({
      panel,
      cutoff: req.cutoff,
      horizon: version.horizon,
      seriesIds,
    });
    if (all)
      await saveForecastCache(deps.store, {
        modelId: version.id,
        target,
        fingerprint,
        createdAt: new Date().toISOString(),
        forecasts,
      });
    return { forecasts, source: 'computed' };
  } finally {
    forecaster.dispose();
  }
}

/** The ids (present in the panel) with at least `minHistory` observed days up to the cutoff. */
function withHistory(
  panel: SeriesPanel,
  target: Target,
  cutoff: string,
  minHistory: number,
  ids: readonly string[],
): string[] {
  const values = panel.columns.get(target);
  const end = panel.dates.indexOf(cutoff) + 1;
  if (!values || end === 0) return [];
  const days = panel.dates.length;
  const position = new Map(panel.seriesIds.map((id, s) => [id, s]));
  return ids.filter((id) => {
    const s = position.get(id);
    if (s === undefined) return false;
    return countObserved(values, s * days, s * days + end) >= minHistory;
  });
}

function pick(forecasts: Forecast[], seriesIds: string[] | undefined): Forecast[] {
  if (seriesIds === undefined) return forecasts;
  const wanted = new Set(seriesIds);
  return forecasts.filter((f) => wanted.has(f.seriesId));
}
