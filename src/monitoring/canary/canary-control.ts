import type { Target } from '../../data/series-panel.js';

/** A target's serving candidate as the canary judge sees it. */
export interface CandidateView {
  model_version: string;
  mode: 'canary' | 'shadow';
}

/**
 * What canary judging needs from serving: the target's candidate, and a way to stop serving it.
 * Serving's CandidateRouterService provides it; the app module binds CANARY_CONTROL to it, so
 * monitoring never imports serving (src/app.module.ts).
 */
export interface CanaryControl {
  candidate(target: Target): CandidateView | null;
  clearCandidate(target: Target): unknown;
}

export const CANARY_CONTROL = Symbol('CANARY_CONTROL');
