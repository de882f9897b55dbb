import { saveForecaster } from '../forecasting/forecaster.registry.js';
import type { ModelRegistryService } from '../registry/model-registry.service.js';
import type { ModelVersion } from '../registry/model-manifest.schema.js';
import type { PromotionResult } from '../registry/model-registry.types.js';
import type { TrainOutcome } from './training.types.js';

export interface RegisterOptions {
  actor: string;
  reason?: string;
  /** Promote after registering: 'staging' always, 'prod' through the gates (unless forced). */
  stage?: 'dev' | 'staging' | 'prod';
}

/** Registers a trained model (artifacts first, manifest last) and optionally promotes it. */
export async function registerTrainedModel(
  registry: ModelRegistryService,
  outcome: TrainOutcome,
  opts: RegisterOptions,
): Promise<{ version: ModelVersion; promotion: PromotionResult | null }> {
  const version = await registry.register({
    manifest: outcome.manifest,
    actor: opts.actor,
    reason: opts.reason,
    writeArtifacts: (sink) => saveForecaster(outcome.forecaster, sink),
  });
  if (!opts.stage || opts.stage === 'dev') return { version, promotion: null };
  const promotion = await registry.promote(version.id, {
    actor: opts.actor,
    reason: opts.reason,
    stage: opts.stage,
  });
  return { version: promotion.version, promotion };
}
