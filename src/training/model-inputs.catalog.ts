import { createForecaster, listKinds } from '../forecasting/forecaster.registry.js';
import type { ModelInputs } from '../forecasting/model-inputs.js';

let catalog: Promise<Record<string, ModelInputs>> | null = null;

/**
 * The inputs each kind reads with its default params, from the same declarations the manifests record
 * (`Forecaster.inputs()`); a fitted model's manifest has its own (its categories, its params).
 * Computed once per process.
 */
export function modelInputsByKind(): Promise<Record<string, ModelInputs>> {
  catalog ??= (async () => {
    const out: Record<string, ModelInputs> = {};
    for (const kind of listKinds()) {
      const f = await createForecaster(kind);
      try {
        out[kind] = f.inputs();
      } finally {
        f.dispose();
      }
    }
    return out;
  })();
  return catalog;
}
