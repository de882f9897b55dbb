import { servingConfigSchema, type ServingConfig } from '../config/serving.config.js';
import { MAX_HORIZON_DAYS } from '../common/forecast-horizon.js';

/** The configurable limits of the prediction API (`serving` config section). */
export type ServingLimits = ServingConfig;

/**
 * Request limits of the prediction API at their defaults: the `serving` config section's defaults,
 * plus `maxHorizon`, which is not configurable. The DTO classes use these for Swagger and as the
 * class-validator reference; requests are checked against the configured values.
 */
export const SERVING_LIMITS = {
  ...servingConfigSchema.parse({}),
  /** Largest horizon accepted by validation (the model's own horizon is checked after). */
  maxHorizon: MAX_HORIZON_DAYS,
} as const;
