import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import { ForecasterError, ForecasterErrorCode } from '../../forecasting/forecaster.errors.js';
import { createForecaster } from '../../forecasting/forecaster.registry.js';

/**
 * Checks at submission that `params` suit every kind a job would create with them, by creating each
 * forecaster from the registry as the job will: the kind's own params validation (INVALID_PARAMS,
 * naming the kind and the param) is then a 400 naming `field` at once instead of a job that fails
 * when it runs. Kinds that check some of their params only when fitting (the neural kinds' network
 * and training params, an ensemble's members) are still checked by the job.
 */
export async function assertKindParams(
  kinds: readonly string[],
  params: Record<string, unknown>,
  field = 'params',
): Promise<void> {
  for (const kind of new Set(kinds)) {
    try {
      (await createForecaster(kind, params)).dispose();
    } catch (err) {
      if (err instanceof ForecasterError && err.code === ForecasterErrorCode.InvalidParams)
        throw new RequestValidationError([{ field, message: err.message }]);
      throw err;
    }
  }
}
