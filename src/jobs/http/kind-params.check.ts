import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import { ForecasterError, ForecasterErrorCode } from '../../forecasting/forecaster.errors.js';
import { createForecaster } from '../../forecasting/forecaster.registry.js';
import type { Forecaster } from '../../forecasting/forecast.types.js';
import { parseEnsembleParams } from '../../forecasting/ensemble/ensemble-params.js';

/**
 * Checks at submission that `params` suit every kind a job would create with them, by creating each
 * forecaster from the registry as the job will: the kind's own params validation (INVALID_PARAMS,
 * naming the kind and the param) is then a 400 naming `field` at once instead of a job that fails
 * when it runs. An ensemble's members are created the same way, each with its own params. The neural
 * kinds' network widths are read only when the network is built, so the job still checks those.
 */
export async function assertKindParams(
  kinds: readonly string[],
  params: Record<string, unknown>,
  field = 'params',
): Promise<void> {
  for (const kind of new Set(kinds)) {
    const created = await createChecked(kind, params, field);
    // An ensemble's params are already parsed (it was created): its members are typed.
    const members = created.kind === 'ensemble' ? parseEnsembleParams(created.params).members : [];
    created.dispose();
    for (const [i, m] of members.entries())
      await createChecked(m.kind, m.params, `${field}.members.${i}.params`).then((f) =>
        f.dispose(),
      );
  }
}

async function createChecked(
  kind: string,
  params: Record<string, unknown> | undefined,
  field: string,
): Promise<Forecaster> {
  try {
    return await createForecaster(kind, params);
  } catch (err) {
    if (err instanceof ForecasterError && err.code === ForecasterErrorCode.InvalidParams)
      throw new RequestValidationError([{ field, message: err.message }]);
    throw err;
  }
}
