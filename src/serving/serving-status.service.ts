import { Injectable } from '@nestjs/common';
import type { Target } from '../data/series-panel.js';
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
