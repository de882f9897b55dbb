import type { Target } from '../../data/series-panel.js';
import type { ModelRegistryService } from '../../registry/model-registry.service.js';
import type { ModelVersion } from '../../registry/model-manifest.schema.js';
import { isRegistryError } from '../../registry/registry.errors.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobResult } from '../job-catalog.types.js';

type Candidate = JobResult<FreshcastJobCatalog, 'train'>['candidates'][number];

/** The registry actor of a job's changes: how a retry finds what an earlier attempt did. */
export function jobActor(jobId: string): string {
  return `job:${jobId}`;
}

/**
 * Models an earlier attempt of this job registered (the attempt died or failed after that), by
 * kind: a retry reuses them instead of training and registering the same kind twice.
 */
export async function registeredByJob(
  registry: ModelRegistryService,
  target: Target,
  jobId: string,
): Promise<Map<string, ModelVersion>> {
  const actor = jobActor(jobId);
  const { entries } = await registry.history(target);
  const found = new Map<string, ModelVersion>();
  for (const e of entries) {
    if (e.action !== 'register' || e.actor !== actor) continue;
    try {
      const version = await registry.get(e.id);
      found.set(version.kind, version);
    } catch (err) {
      if (!isRegistryError(err, 'NOT_FOUND')) throw err; // deleted since: train it again
    }
  }
  return found;
}

/** A candidate as the job result shows it, rebuilt from a registered model's manifest. */
export function candidateFromManifest(version: ModelVersion): Candidate | null {
  const bt = version.backtest;
  if (!bt) return null;
  const fit = fitSummary(version.state.fit);
  return {
    modelVersion: version.id,
    kind: version.kind,
    fit,
    backtest: {
      model: { wape: bt.wape, mase: bt.mase ?? null, coverage: bt.coverage_p10_p90 },
      seasonalNaive: { wape: bt.seasonal_naive_wape, mase: null, coverage: null },
    },
  };
}

function fitSummary(raw: unknown): Candidate['fit'] {
  const num = (key: string): number => {
    const v: unknown = typeof raw === 'object' && raw !== null ? Reflect.get(raw, key) : undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  return {
    epochs: Math.round(num('epochs')),
    finalLoss: null,
    seconds: num('seconds'),
    samplesPerSec: num('samplesPerSec'),
  };
}
