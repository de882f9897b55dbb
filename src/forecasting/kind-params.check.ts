import { parseEnsembleParams } from './ensemble/ensemble-params.js';
import type { Forecaster } from './forecast.types.js';
import { ForecasterError, ForecasterErrorCode } from './forecaster.errors.js';
import { createForecaster } from './forecaster.registry.js';

/** Params a kind refuses: where (`''` for the kind's own, `members.<i>.params` for a member's) and why. */
export interface KindParamsProblem {
  path: string;
  message: string;
}

/**
 * Whether `kind` could be trained with `params`, found by creating the forecaster from the registry as a
 * job or a command will: each kind's own params validation (INVALID_PARAMS, naming the kind and the
 * param; for the neural kinds the network's widths, heads and patches too) is then known before any data
 * is read. An ensemble's members are created the same way, each with its own params.
 */
export async function kindParamsProblem(
  kind: string,
  params: Record<string, unknown> | undefined,
): Promise<KindParamsProblem | undefined> {
  const created = await createChecked(kind, params, '');
  if (created.problem) return created.problem;
  // An ensemble's params are already parsed (it was created): its members are typed.
  const { forecaster } = created;
  const members =
    forecaster.kind === 'ensemble' ? parseEnsembleParams(forecaster.params).members : [];
  forecaster.dispose();
  for (const [i, m] of members.entries()) {
    const member = await createChecked(m.kind, m.params, `members.${i}.params`);
    if (member.problem) return member.problem;
    member.forecaster.dispose();
  }
  return undefined;
}

/** Where a problem lies under `base` (the field or payload path the params were given at). */
export function problemPath(base: string, problem: KindParamsProblem): string {
  return problem.path ? `${base}.${problem.path}` : base;
}

type Created = { forecaster: Forecaster; problem?: undefined } | { problem: KindParamsProblem };

async function createChecked(
  kind: string,
  params: Record<string, unknown> | undefined,
  path: string,
): Promise<Created> {
  try {
    return { forecaster: await createForecaster(kind, params) };
  } catch (err) {
    if (err instanceof ForecasterError && err.code === ForecasterErrorCode.InvalidParams)
      return { problem: { path, message: err.message } };
    throw err;
  }
}
