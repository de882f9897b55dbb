import { z } from 'zod';
import { TARGETS, type Target } from '../common/targets.js';

/**
 * `health` section: what GET /health/ready requires. Every key has a default.
 */
export const healthConfigSchema = z.object({
  /** Targets that must have a prod model served before the API reports ready. */
  readyTargets: z.array(z.enum(TARGETS as [Target, ...Target[]])).default(['quantity']),
  /** A readiness check that takes longer than this is reported down (timed out). */
  checkTimeoutMs: z.coerce.number().int().min(50).max(60_000).default(2000),
});
export type HealthConfig = z.output<typeof healthConfigSchema>;
