import type { AppConfig } from '../config/app-config.schema.js';
import { currentBackend } from '../forecasting/tf/tf-backend.js';
import type { JobQueue } from '../jobs/job-queue.port.js';
import type { ArtifactStore } from '../storage/artifact-store.js';
import {
  artifactStoreCheck,
  redisCheck,
  tfBackendCheck,
  type ReadinessCheck,
} from './readiness.checks.js';

/** A key no artifact uses: looking it up answers "missing" from a healthy store. */
const PROBE_KEY = 'freshcast-health-probe';

/** The store and queue checks every process role shares (API and worker). */
export function sharedReadinessChecks(
  config: AppConfig,
  queue: JobQueue,
  store: ArtifactStore,
): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [];
  if (config.queue.redisUrl !== '') checks.push(redisCheck(() => queue.health()));
  checks.push(artifactStoreCheck(store.driver, () => store.exists(PROBE_KEY)));
  checks.push(tfBackendCheck(() => currentBackend()?.backend ?? null));
  return checks;
}
