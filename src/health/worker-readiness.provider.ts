import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { JOB_QUEUE, type JobSystem } from '../jobs/job-queue.port.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import { READINESS_CHECKS } from './health-indicators.js';
import { consumingCheck, type ReadinessCheck } from './readiness.checks.js';
import { sharedReadinessChecks } from './shared-readiness.checks.js';

/**
 * READINESS_CHECKS of a worker process (its /health/ready on `jobs.workerPort`): Redis answers,
 * the artifact store answers, the tf backend is initialised, the worker takes jobs. No model checks:
 * a worker serves no predictions.
 */
export const workerReadinessProvider: Provider = {
  provide: READINESS_CHECKS,
  inject: [APP_CONFIG, JOB_QUEUE, ARTIFACT_STORE],
  useFactory: (config: AppConfig, queue: JobSystem, store: ArtifactStore): ReadinessCheck[] => {
    return [...sharedReadinessChecks(config, queue, store), consumingCheck(() => queue.processing)];
  },
};
