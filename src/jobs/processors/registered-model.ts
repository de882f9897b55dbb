import type { Target } from '../../data/series-panel.js';
import type { ModelRegistryService } from '../../registry/model-registry.service.js';
import type { ModelVersion } from '../../registry/model-manifest.schema.js';
import { isRegistryError, isUnknownModelRef } from '../../registry/registry.errors.js';
import { PermanentJobError } from '../job.errors.js';

/** The registered model a job names (version id, prod or an alias); a missing one fails the job for good. */
export async function resolveJobModel(
  registry: ModelRegistryService,
  target: Target,
  ref: string,
): Promise<ModelVersion> {
  try {
    return await registry.resolve(target, ref);
  } catch (err) {
    if (isUnknownModelRef(err))
      throw new PermanentJobError(
        `no registered ${target} model "${ref}" (freshcast models list --target ${target})`,
        { cause: err },
      );
    throw err;
  }
}

/** The target's prod model, or null when it has none. */
export async function prodModelOrNull(
  registry: ModelRegistryService,
  target: Target,
): Promise<ModelVersion | null> {
  try {
    return await registry.resolve(target, 'prod');
  } catch (err) {
    if (isRegistryError(err, 'NOT_FOUND')) return null;
    throw err;
  }
}
