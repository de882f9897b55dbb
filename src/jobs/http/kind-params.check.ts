import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import { kindParamsProblem, problemPath } from '../../forecasting/kind-params.check.js';

/**
 * Checks at submission that `params` suit every kind a job would create with them (see
 * kindParamsProblem: each kind's own validation, the neural kinds' network shape and an ensemble's
 * members included): a 400 naming `field` (or the member's params under it) at once instead of a job
 * that fails when it runs.
 */
export async function assertKindParams(
  kinds: readonly string[],
  params: Record<string, unknown>,
  field = 'params',
): Promise<void> {
  for (const kind of new Set(kinds)) {
    const problem = await kindParamsProblem(kind, params);
    if (problem)
      throw new RequestValidationError([
        { field: problemPath(field, problem), message: problem.message },
      ]);
  }
}
