import type { ServedModel } from './served-model.js';

/**
 * A candidate next to a target's prod model. `canary`: answers a share of the items (sticky per
 * item, see canary-router.ts) and says so in the response. `shadow`: computed for the items prod
 * answers, compared in the metrics and the log, never returned.
 */
export type CandidateMode = 'canary' | 'shadow';

export interface Candidate {
  model: ServedModel;
  mode: CandidateMode;
  /** Share of items routed to a canary, 0..1 (ignored in shadow mode). */
  share: number;
  since: string;
}

export interface CandidateStatus {
  model_version: string;
  mode: CandidateMode;
  share: number;
  since: string;
  cached_series: number;
}

export function candidateStatus(c: Candidate): CandidateStatus {
  return {
    model_version: c.model.id,
    mode: c.mode,
    share: c.share,
    since: c.since,
    cached_series: c.model.cache.size,
  };
}
