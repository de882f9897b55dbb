import { z } from 'zod';
import { TARGETS, type Target } from '../data/series-panel.js';
import { ALIAS_PATTERN, MODEL_ID_PATTERN } from './model-id.js';
import type { ModelStage } from './model-manifest.schema.js';

const modelId = z.string().regex(MODEL_ID_PATTERN);

/**
 * Stages and aliases of one target, at `registry/<target>/state.json`. Every change rewrites it whole
 * (atomically) with `version + 1`; readers (serving replicas, the polling notifier) compare versions.
 */
export const targetStateSchema = z.object({
  schemaVersion: z.literal(1),
  target: z.enum(TARGETS),
  /** Bumped by every change; 0 for a target that never changed. */
  version: z.number().int().nonnegative(),
  prod: modelId.nullable(),
  /** Former prod models, most recent last: rollback pops from here. */
  previousProd: z.array(modelId),
  staging: z.array(modelId),
  /** Former prod models (replaced or rolled back) not moved elsewhere since. */
  archived: z.array(modelId),
  aliases: z.record(z.string().regex(ALIAS_PATTERN), modelId),
  updatedAt: z.string().nullable(),
});
export type TargetState = z.infer<typeof targetStateSchema>;

export function emptyTargetState(target: Target): TargetState {
  return {
    schemaVersion: 1,
    target,
    version: 0,
    prod: null,
    previousProd: [],
    staging: [],
    archived: [],
    aliases: {},
    updatedAt: null,
  };
}

export function stageOf(state: TargetState, id: string): ModelStage {
  if (state.prod === id) return 'prod';
  if (state.staging.includes(id)) return 'staging';
  if (state.archived.includes(id)) return 'archived';
  return 'dev';
}

export function aliasesOf(state: TargetState, id: string): string[] {
  return Object.entries(state.aliases)
    .filter(([, target]) => target === id)
    .map(([alias]) => alias)
    .sort();
}

const without = (list: string[], id: string): string[] => list.filter((x) => x !== id);

function next(state: TargetState, at: Date, change: Partial<TargetState>): TargetState {
  return { ...state, ...change, version: state.version + 1, updatedAt: at.toISOString() };
}

/** `id` becomes prod; the former prod goes on the rollback stack and is archived. */
export function withProd(state: TargetState, id: string, at: Date): TargetState {
  const former = state.prod;
  const previousProd = without(state.previousProd, id);
  const archived = without(state.archived, id);
  if (former !== null) {
    previousProd.push(former);
    if (!archived.includes(former)) archived.push(former);
  }
  return next(state, at, { prod: id, previousProd, archived, staging: without(state.staging, id) });
}

/** Back to the most recent former prod; the current prod is archived (and is not a rollback target). */
export function withRollback(
  state: TargetState,
  at: Date,
): { state: TargetState; from: string | null; to: string } | null {
  const to = state.previousProd.at(-1);
  if (to === undefined) return null;
  const from = state.prod;
  const archived = without(state.archived, to);
  if (from !== null && !archived.includes(from)) archived.push(from);
  return {
    state: next(state, at, { prod: to, previousProd: state.previousProd.slice(0, -1), archived }),
    from,
    to,
  };
}

/** Moves a non-prod model to staging or back to dev. */
export function withStage(
  state: TargetState,
  id: string,
  stage: 'dev' | 'staging',
  at: Date,
): TargetState {
  const staging = without(state.staging, id);
  if (stage === 'staging') staging.push(id);
  return next(state, at, { staging, archived: without(state.archived, id) });
}

/** Points `alias` at `id`, or removes it when `id` is null. */
export function withAlias(
  state: TargetState,
  alias: string,
  id: string | null,
  at: Date,
): TargetState {
  const aliases = { ...state.aliases };
  if (id === null) delete aliases[alias];
  else aliases[alias] = id;
  return next(state, at, { aliases });
}

/** Forgets a deleted (non-prod, unaliased) model everywhere. */
export function withoutModel(state: TargetState, id: string, at: Date): TargetState {
  return next(state, at, {
    staging: without(state.staging, id),
    archived: without(state.archived, id),
    previousProd: without(state.previousProd, id),
  });
}
