import type { z } from 'zod';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';

/** A zod error's issues, one line each (`path: message`; `root` for an issue on the whole value). */
export function issueLines(error: z.ZodError, root: string): string[] {
  return error.issues.map((i) => `${i.path.join('.') || root}: ${i.message}`);
}

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
  const issues = issueLines(result.error, '(params)');
  throw new ForecasterError(
    ForecasterErrorCode.InvalidParams,
    `Invalid parameters for '${kind}': ${issues.join('; ')}`,
    { kind, issues },
  );
}
