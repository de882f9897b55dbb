import { Module } from '@nestjs/common';
import { StartupModule } from '../startup/startup.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { CandidateController } from './candidate.controller.js';
import { PredictionController } from './prediction.controller.js';
import { CandidateRouterService } from './candidate-router.service.js';
import { PredictionService } from './prediction.service.js';
import { ReplenishmentController } from './replenishment.controller.js';
import { ReplenishmentService } from './replenishment.service.js';
import { ServedModelsService } from './served-models.service.js';
import { ServingStatusService } from './serving-status.service.js';
import { StatusController } from './status.controller.js';

/**
 * POST /predict, GET /forecasts/:item_code, POST /replenishment over the prod models. Shares the
 * data set and first-start job with StartupModule and the app's one (global) model registry, whose
 * promotion notices trigger model swaps. Needs MonitoringModule.
 */
@Module({
  imports: [StartupModule, StorageModule],
  controllers: [
    PredictionController,
    ReplenishmentController,
    StatusController,
    CandidateController,
  ],
  providers: [
    ServedModelsService,
    CandidateRouterService,
    PredictionService,
    ServingStatusService,
    ReplenishmentService,
  ],
  exports: [ServedModelsService, CandidateRouterService, PredictionService, ServingStatusService],
})
export class ServingModule {}
