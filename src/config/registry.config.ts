import { z } from 'zod';
import { promotionGatesConfigSchema } from './promotion-gates.config.js';

/**
 * The `registry` config section. Compose into the app config as
 * `registry: registryConfigSchema` (every key has a default, so the section may be absent).
 */
export const registryConfigSchema = z
  .object({
    gates: promotionGatesConfigSchema,
    /** Without Redis, replicas poll each target's state.json this often (seconds). */
    pollIntervalSec: z.coerce.number().min(0.05).max(3600).default(10),
    /** With Redis: how long a promotion lock lives if its holder dies (ms). */
    lockTtlMs: z.coerce.number().int().min(1000).max(600000).default(30000),
    /** With Redis: how long a promotion waits for the lock before answering CONFLICT (ms). */
    lockWaitMs: z.coerce.number().int().min(0).max(600000).default(10000),
    /** Redis channel/lock namespace; '' derives it from the storage location. */
    namespace: z.string().max(200).default(''),
  })
  .prefault({});
export type RegistryConfig = z.infer<typeof registryConfigSchema>;
