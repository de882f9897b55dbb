import { Injectable } from '@nestjs/common';
import type { Target } from '../data/series-panel.js';
import type { StartupState } from '../startup/startup-state.js';
import { CandidateRouterService } from './candidate-router.service.js';
import type { CandidateStatus } from './candidate-model.js';
import { PredictionService } from './prediction.service.js';
import {
  ServedModelsService,
  type ServedModelSummary,
  type ServingPhase,
} from './served-models.service.js';

export interface ServingStatus {
  phase: ServingPhase;
  models: Partial<Record<Target, ServedModelSummary>>;
  onDemand: { requests: number; modelCalls: number };
  /** Canary or shadow candidates per target. */
  candidates: Partial<Record<Target, CandidateStatus>>;
  lastError: string | null;
}

/** The `serving` part of GET /status: served models, on-demand counters, candidates. */
@Injectable()
export class ServingStatusService {
  constructor(
    private readonly served: ServedModelsService,
    private readonly candidates: CandidateRouterService,
    private readonly predictions: PredictionService,
  ) {}

  /**
   * The first start's view of the prod models with every target now served by another model (a
   * promotion since) replaced by the served one, so `/status.models` and `serving` agree.
   */
  currentModels(startup: StartupState['models']): StartupState['models'] {
    const models = { ...startup };
    for (const target of Object.keys(this.served.report().models) as Target[]) {
      const served = this.served.servedVersion(target);
      if (served === null || models[target]?.id === served.id) continue;
      models[target] = {
        id: served.id,
        kind: served.kind,
        trained: false,
        wape: served.wape,
        seasonalNaiveWape: served.seasonalNaiveWape,
      };
    }
    return models;
  }

  status(): ServingStatus {
    const { phase, models, lastError } = this.served.report();
    return {
      phase,
      models,
      onDemand: this.predictions.onDemandCounts(),
      candidates: this.candidates.statuses(),
      lastError,
    };
  }
}
