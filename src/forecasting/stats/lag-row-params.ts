import { z } from 'zod';

/**
 * The params of the kinds fitted on the lag feature rows (lag-features.ts): linear and gbt. Each kind
 * extends this shape with its own learner's params and picks its own defaults.
 */
export const lagRowParamsShape = {
  /** Daily lags used as features (1..lags). */
  lags: z.number().int().min(7).max(56),
  /** Origins (days before the cutoff) that yield training rows. */
  trainDays: z.number().int().min(28).max(5000),
  /** 'scale' weights rows by the series level (WAPE is volume-weighted); 'none' weighs all equally. */
  weighting: z.enum(['scale', 'none']),
  /** Scaled values are clipped to ±clip. */
  clip: z.number().min(1).max(1000),
  /** Day-of-year sine/cosine covariates (a yearly season learnt from the few years in the data). */
  yearly: z.boolean(),
};
