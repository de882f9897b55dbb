import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppError } from '../common/errors/app-error.js';
import { RequestValidationError } from '../common/validation/request-validation.error.js';
import { DatasetService } from '../data/dataset.service.js';
import type { Target } from '../data/series-panel.js';
import { MetricsService } from '../monitoring/metrics.service.js';
import { ModelRegistryService } from '../registry/model-registry.service.js';
import { FirstStartService } from '../startup/first-start.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import { routesToCanary } from './canary-router.js';
import {
  candidateStatus,
  type Candidate,
  type CandidateMode,
  type CandidateStatus,
} from './candidate-model.js';
import type { Forecast } from '../forecasting/forecast.types.js';
import type { ServedModel } from './served-model.js';
import { loadServedModel } from './served-model.loader.js';
import { ServedModelsService } from './served-models.service.js';
import { ModelNotReadyError } from './serving.errors.js';

/**
 * Candidates served next to a target's prod model: a canary answers a sticky share of the items,
 * a shadow is computed for the items prod answers and compared in the metrics. A candidate ends
 * when it is removed, replaced, or becomes the prod model.
 */
@Injectable()
export class CandidateRouterService implements OnApplicationShutdown {
  private readonly logger = new Logger(CandidateRouterService.name);
  private readonly candidates = new Map<Target, Candidate>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly served: ServedModelsService,
    private readonly registry: ModelRegistryService,
    private readonly datasets: DatasetService,
    private readonly firstStart: FirstStartService,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
    private readonly metrics: MetricsService,
  ) {
    // A candidate promoted to prod is served as prod from then on.
    this.unsubscribe = served.onSwap((target, modelId) => {
      if (this.candidates.get(target)?.model.id === modelId) this.clearCandidate(target);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe();
    await this.served.idle();
    for (const c of this.candidates.values()) c.model.retire();
    this.candidates.clear();
  }

  /**
   * Serves a registered model of the target next to prod: as a canary answering `share` of the
   * items (sticky per item), or in shadow mode (computed and compared, not returned). Replaces
   * any earlier candidate of the target; cleared when the candidate is promoted to prod.
   */
  async setCandidate(
    target: Target,
    modelId: string,
    mode: CandidateMode,
    share: number,
  ): Promise<CandidateStatus> {
    const panel = this.datasets.panel;
    const prod = this.served.served(target);
    if (!panel || !prod) throw new ModelNotReadyError(target, this.firstStart.state.phase);
    if (!(share >= 0 && share <= 1))
      throw new RequestValidationError([
        { field: 'share', message: 'share must be between 0 and 1' },
      ]);
    const version = await this.registry.get(modelId);
    if (version.target !== target)
      throw new AppError(400, `${modelId} forecasts ${version.target}, not ${target}`, {
        code: 'invalid_candidate',
      });
    if (version.id === prod.id)
      throw new AppError(409, `${modelId} is already the prod model of ${target}`, {
        code: 'invalid_candidate',
      });
    const model = await loadServedModel(
      { registry: this.registry, store: this.store },
      version,
      panel,
    );
    const previous = this.candidates.get(target);
    const candidate: Candidate = {
      model,
      mode,
      share: mode === 'shadow' ? 0 : share,
      since: new Date().toISOString(),
    };
    this.candidates.set(target, candidate);
    previous?.model.retire();
    this.logger.log(
      `${mode} candidate for ${target}: ${model.id}${mode === 'canary' ? ` on ${Math.round(share * 100)} % of items` : ''}`,
    );
    return candidateStatus(candidate);
  }

  /** Stops serving the target's candidate; false when there was none. */
  clearCandidate(target: Target): boolean {
    const c = this.candidates.get(target);
    if (!c) return false;
    this.candidates.delete(target);
    c.model.retire();
    this.logger.log(`${c.mode} candidate ${c.model.id} of ${target} removed`);
    return true;
  }

  candidate(target: Target): CandidateStatus | null {
    const c = this.candidates.get(target);
    return c ? candidateStatus(c) : null;
  }

  /** Every target's candidate, for the /status report. */
  statuses(): Partial<Record<Target, CandidateStatus>> {
    const out: Partial<Record<Target, CandidateStatus>> = {};
    for (const [target, c] of this.candidates) out[target] = candidateStatus(c);
    return out;
  }

  /** The canary that answers this item, if any (the item must be in its cache when `cached`). */
  canaryFor(target: Target, itemCode: string, cached: boolean): ServedModel | null {
    const c = this.candidates.get(target);
    if (!c || c.mode !== 'canary' || !routesToCanary(c.model.id, itemCode, c.share)) return null;
    if (cached && !c.model.cache.has(itemCode)) return null;
    return c.model;
  }

  /** Shadow mode: the candidate's forecast of the same item and days, measured against prod's. */
  shadowOf(target: Target, itemCode: string, prod: Forecast, first: string, days: number): void {
    const c = this.candidates.get(target);
    if (!c || c.mode !== 'shadow' || days === 0) return;
    const f = c.model.cache.get(itemCode);
    if (!f) return;
    const offset = f.dates.indexOf(first);
    const prodOffset = prod.dates.indexOf(first);
    if (offset < 0 || prodOffset < 0 || offset + days > f.dates.length) return;
    // Full precision on both sides: the answer's points are rounded, the forecasts are not.
    let diff = 0;
    for (let i = 0; i < days; i++)
      diff += Math.abs(f.quantiles.p50[offset + i] - prod.quantiles.p50[prodOffset + i]);
    const mean = diff / days;
    this.metrics.countShadow(target, mean);
    this.logger.debug(
      `shadow ${c.model.id} ${itemCode}: mean |ΔP50| ${mean.toFixed(3)} over ${days} days`,
    );
  }
}
