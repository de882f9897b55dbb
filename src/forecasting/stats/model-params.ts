import type { z } from 'zod';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';

/**
 * Validates a kind's hyperparameters against its (strict) zod schema, defaults filled in; unknown or
 * out-of-range parameters are INVALID_PARAMS, with the issues in the details.
 */
export function parseParams<T>(
  kind: string,
  schema: z.ZodType<T>,
  defaults: Readonly<Record<string, unknown>>,
  raw: Record<string, unknown> | undefined,
): T {
  const result = schema.safeParse({ ...defaults, ...(raw ?? {}) });
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`);
  throw new ForecasterError(
    ForecasterErrorCode.InvalidParams,
    `Invalid parameters for '${kind}': ${issues.join('; ')}`,
    { kind, issues },
  );
}
