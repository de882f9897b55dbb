import type { Target } from '../data/series-panel.js';
import type { ModelStage } from './model-manifest.schema.js';
import type { ChangeContext } from './model-registry.types.js';
import type { PromotionNotice } from './promotion-notifier.js';
import type { GateResult, HistoryEntry, RegistryAction } from './registry-history.schema.js';
import { RegistryError } from './registry.errors.js';

/** Who and why, validated: a non-empty actor (≤ 200 chars), an optional reason (≤ 2000 chars). */
export interface Author {
  actor: string;
  reason: string | null;
}

function text(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max)
    throw new RegistryError(
      'INVALID_ARGUMENT',
      `${what} must be a non-empty string of at most ${max} characters`,
    );
  return value.trim();
}

export function authorOf(ctx: ChangeContext): Author {
  const actor = text(ctx.actor, 'actor', 200);
  const raw: unknown = ctx.reason;
  const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
  return { actor, reason: blank ? null : text(raw, 'reason', 2000) };
}

/** A history entry with every optional field empty, then `fields`. */
export function historyEntry(
  action: RegistryAction,
  target: Target,
  id: string,
  at: Date,
  author: Author,
  fields: Partial<HistoryEntry> = {},
): HistoryEntry {
  return {
    schemaVersion: 1,
    at: at.toISOString(),
    actor: author.actor,
    reason: author.reason,
    action,
    target,
    id,
    fromStage: null,
    toStage: null,
    alias: null,
    previousId: null,
    forced: false,
    gates: null,
    metrics: null,
    previousMetrics: null,
    stateVersion: 0,
    ...fields,
  };
}

/** The notice for a saved change: `id` now holds `stage` or `alias`. */
export function noticeOf(
  entry: HistoryEntry,
  stage: ModelStage | null,
  alias: string | null,
  id: string | null = entry.id,
): PromotionNotice {
  return {
    target: entry.target,
    id,
    stage,
    alias,
    action: entry.action,
    stateVersion: entry.stateVersion,
    at: entry.at,
  };
}

export const failedGateNames = (gates: readonly GateResult[]): string =>
  gates
    .filter((g) => !g.passed)
    .map((g) => `${g.gate} (${g.detail})`)
    .join('; ');
