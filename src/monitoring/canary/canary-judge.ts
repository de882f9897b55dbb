import { Logger } from '@nestjs/common';
import type { SeriesPanel, Target } from '../../data/series-panel.js';
import type { ModelRegistryService } from '../../registry/model-registry.service.js';
import type { ArtifactStore } from '../../storage/artifact-store.js';
import { scoreAccuracy } from '../accuracy/accuracy-scorer.js';
import type { AccuracyRow } from '../accuracy/live-accuracy.js';
import type { ActualsStore } from '../actuals/actuals.store.js';
import { firstOriginOf } from '../forecast-log/forecast-log.store.js';
import type { CandidateView } from './canary-control.js';
import {
  judgeCanary,
  type CanaryPolicy,
  type CanaryVerdict,
  type LiveScore,
} from './canary-verdict.js';

export interface CanaryJudgeDeps {
  store: ArtifactStore;
  actuals: ActualsStore;
  registry: ModelRegistryService;
  panel: SeriesPanel | null;
  /** The target's serving candidate (canary or shadow), if any. */
  candidate: (target: Target) => CandidateView | null;
  /** Stops serving the target's candidate. */
  endCandidate: (target: Target) => void;
}

export interface CanaryJudgement extends CanaryVerdict {
  target: Target;
  canary: LiveScore;
  prod: LiveScore;
}

const ACTOR = 'monitoring';
/** Long enough to hold any scored stretch since a canary started. */
const JUDGE_WINDOW_DAYS = 366;

const overall = (rows: readonly AccuracyRow[], id: string): AccuracyRow | undefined =>
  rows.find((r) => r.model_version === id && r.horizon_bucket === 'all' && r.category === 'all');

/**
 * Scores a target's canary and prod on the same actuals (the forecasts both made from the canary's
 * first origin on) and acts on the verdict: promotion to prod (forced past the backtest gates, the
 * reason naming the live figures) or the end of the canary; both are recorded in the registry
 * history with the figures. Null when the target has no canary or no prod model.
 */
export async function judgeTargetCanary(
  deps: CanaryJudgeDeps,
  target: Target,
  policy: CanaryPolicy,
): Promise<CanaryJudgement | null> {
  const candidate = deps.candidate(target);
  const prodId = (await deps.registry.status(target)).prod;
  if (!candidate || candidate.mode !== 'canary' || prodId === null) return null;
  const canaryId = candidate.model_version;
  const fromOrigin = await firstOriginOf(deps.store, target, canaryId);
  if (fromOrigin === null) return null;
  const report = await scoreAccuracy(deps, target, {
    windows: [JUDGE_WINDOW_DAYS],
    models: [canaryId, prodId],
    fromOrigin,
  });
  const score = (id: string): LiveScore => {
    const row = report ? overall(report.rows, id) : undefined;
    return {
      model_version: id,
      wape: row?.wape ?? NaN,
      points: row?.points ?? 0,
      scored_days: row?.scored_days ?? 0,
    };
  };
  const canary = score(canaryId);
  const prod = score(prodId);
  const verdict = judgeCanary(canary, prod, policy);
  const judgement: CanaryJudgement = { target, canary, prod, ...verdict };
  if (verdict.decision === 'wait' || verdict.decision === 'keep') return judgement;
  const live = {
    decision: verdict.decision,
    canary_wape: canary.wape,
    prod_wape: prod.wape,
    prod_model: prodId,
    relative: verdict.relative,
    scored_days: Math.min(canary.scored_days, prod.scored_days),
    points: canary.points,
  };
  await deps.registry.recordVerdict(canaryId, { actor: ACTOR, reason: verdict.reason }, live);
  if (verdict.decision === 'rollback') deps.endCandidate(target);
  else await deps.registry.promote(canaryId, { actor: ACTOR, reason: verdict.reason, force: true });
  new Logger('CanaryJudge').log(`${target} ${canaryId}: ${verdict.reason}`);
  return judgement;
}
