import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { JOB_QUEUE, type JobQueue } from '../jobs/job-queue.port.js';
import { ServedModelsService } from '../serving/served-models.service.js';
import { FirstStartService } from '../startup/first-start.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import { READINESS_CHECKS } from './health-indicators.js';
import { modelsCheck, startupCheck, type ReadinessCheck } from './readiness.checks.js';
import { sharedReadinessChecks } from './shared-readiness.checks.js';

/**
 * READINESS_CHECKS of the API process: the first-start job is over, a prod model serves each
 * `health.readyTargets` target (not in SageMaker mode, where /ping speaks for the model), Redis
 * answers when configured, the artifact store answers, the tf backend is initialised.
 */
export const appReadinessProvider: Provider = {
  provide: READINESS_CHECKS,
  inject: [APP_CONFIG, FirstStartService, ServedModelsService, JOB_QUEUE, ARTIFACT_STORE],
  useFactory: (
    config: AppConfig,
    firstStart: FirstStartService,
    served: ServedModelsService,
    queue: JobQueue,
    store: ArtifactStore,
  ): ReadinessCheck[] => {
    const checks: ReadinessCheck[] = [];
    if (!config.sagemaker.enabled) {
      checks.push(
        startupCheck(() => ({ enabled: config.startup.enabled, ...firstStart.state })),
        modelsCheck(config.health.readyTargets, (t) => served.served(t)?.id ?? null),
      );
    }
    return [...checks, ...sharedReadinessChecks(config, queue, store)];
  },
};
