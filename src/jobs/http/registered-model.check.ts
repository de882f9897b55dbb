import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import type { Target } from '../../data/series-panel.js';
import type { ModelVersion } from '../../registry/model-manifest.schema.js';
import type { ModelRegistryService } from '../../registry/model-registry.service.js';
import { isUnknownModelRef } from '../../registry/registry.errors.js';

/**
 * The registered model a job request names (batch forecasts, backtests), checked at submission so
 * an unknown one is a 400 naming `model` at once instead of a job that fails when it runs. Registry
 * faults (storage unreachable) go through as they are.
 */
export async function requireRegisteredModel(
  registry: ModelRegistryService,
  target: Target,
  ref: string,
): Promise<ModelVersion> {
  const version = await registeredModelOrNull(registry, target, ref);
  if (version === null)
    throw new RequestValidationError([
      {
        field: 'model',
        message: `no registered ${target} model '${ref}' (GET /models?target=${target} lists them)`,
      },
    ]);
  return version;
}

/** The model the registry holds under `ref` for the target, or null when it has none. */
export async function registeredModelOrNull(
  registry: ModelRegistryService,
  target: Target,
  ref: string,
): Promise<ModelVersion | null> {
  try {
    return await registry.resolve(target, ref);
  } catch (err) {
    if (isUnknownModelRef(err)) return null;
    throw err;
  }
}
