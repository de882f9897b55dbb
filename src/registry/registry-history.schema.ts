import { z } from 'zod';
import { TARGETS } from '../data/series-panel.js';
import { MODEL_ID_PATTERN } from './model-id.js';
import { backtestMetricsSchema, MODEL_STAGES } from './model-manifest.schema.js';

export const REGISTRY_ACTIONS = [
  'register',
  'stage',
  'promote',
  'rollback',
  'alias',
  'delete',
  'canary',
] as const;
export type RegistryAction = (typeof REGISTRY_ACTIONS)[number];

export const gateResultSchema = z.object({
  gate: z.string(),
  passed: z.boolean(),
  detail: z.string(),
  candidate: z.number().nullable(),
  reference: z.number().nullable(),
  threshold: z.union([z.number(), z.tuple([z.number(), z.number()])]).nullable(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

const modelId = z.string().regex(MODEL_ID_PATTERN);
const stage = z.enum(MODEL_STAGES);

/**
 * One change, at `registry/<target>/history/<stamp>-<random>.json`: written once, never rewritten.
 * Who, when, why, and the metrics of the model concerned at that moment.
 */
export const historyEntrySchema = z.object({
  schemaVersion: z.literal(1),
  at: z.iso.datetime(),
  actor: z.string().min(1),
  reason: z.string().nullable(),
  action: z.enum(REGISTRY_ACTIONS),
  target: z.enum(TARGETS),
  /** The model the change is about. */
  id: modelId,
  fromStage: stage.nullable(),
  toStage: stage.nullable(),
  alias: z.string().nullable(),
  /** The model that held the stage/alias before (former prod for promote/rollback). */
  previousId: modelId.nullable(),
  forced: z.boolean(),
  gates: z.array(gateResultSchema).nullable(),
  metrics: backtestMetricsSchema.nullable(),
  previousMetrics: backtestMetricsSchema.nullable(),
  /** Live figures behind a decision taken on actuals (a canary's verdict); absent otherwise. */
  live: z.record(z.string(), z.json()).optional(),
  /** state.json version after the change (0 for registrations, which do not touch the state). */
  stateVersion: z.number().int().nonnegative(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
