import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import type { Target } from '../../data/series-panel.js';
import type { ModelRegistryService } from '../../registry/model-registry.service.js';
import { isRegistryError } from '../../registry/registry.errors.js';

/**
 * Checks at submission that the model a batch request names is registered for its target, so an
 * unknown one is a 400 at once instead of a job that fails when it runs. Registry faults (storage
 * unreachable) go through as they are.
 */
export async function assertBatchModelRegistered(
  registry: ModelRegistryService,
  target: Target,
  ref: string,
): Promise<void> {
  try {
    await registry.resolve(target, ref);
  } catch (err) {
    if (
      isRegistryError(err, 'NOT_FOUND') ||
      isRegistryError(err, 'INVALID_ID') ||
      isRegistryError(err, 'INVALID_ARGUMENT')
    )
      throw new RequestValidationError([
        {
          field: 'model',
          message: `no registered ${target} model '${ref}' (GET /models?target=${target} lists them)`,
        },
      ]);
    throw err;
  }
}
