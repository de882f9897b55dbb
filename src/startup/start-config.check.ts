import type { AppConfig } from '../config/app-config.schema.js';
import { unknownKindsMessage } from '../forecasting/forecaster.registry.js';
import { scheduledPayloadsProblem } from '../jobs/processors/scheduled-payloads.check.js';

/**
 * What the configuration names that no job could run, checked before the API or a worker starts (one
 * line, or undefined): `forecasting.defaultModel` and `forecasting.priceModels` kinds the registry
 * does not know (the first start, and every retrain or schedule without `kinds`, would fail on them
 * each time), then the scheduled jobs' kinds and params.
 */
export async function startConfigProblem(
  config: Pick<AppConfig, 'jobs' | 'forecasting'>,
): Promise<string | undefined> {
  const { defaultModel, priceModels } = config.forecasting;
  const unknownDefault = unknownKindsMessage([defaultModel]);
  if (unknownDefault !== undefined) return `forecasting.defaultModel: ${unknownDefault}`;
  const unknownPrice = unknownKindsMessage(priceModels);
  if (unknownPrice !== undefined) return `forecasting.priceModels: ${unknownPrice}`;
  return scheduledPayloadsProblem(config);
}
