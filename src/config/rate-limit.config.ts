import { z } from 'zod';
import { booleanFlag } from './boolean-flag.js';

/**
 * `rateLimit` section: a budget of `limit` requests per client per `ttlSec` window. A client is a
 * configured API key (`auth.clientApiKeys`, or the admin key) by its name, else the client IP (an
 * unknown `x-api-key` changes nothing). At most `maxClients` budgets are held in memory: past it, new
 * clients share one. Every key has a default.
 */
export const rateLimitConfigSchema = z.object({
  enabled: booleanFlag.default(true),
  ttlSec: z.coerce.number().int().min(1).default(60),
  limit: z.coerce.number().int().min(1).default(600),
  maxClients: z.coerce.number().int().min(100).default(50_000),
  /** Job submissions (POST /predict/batch, /admin/retrain, ...) per client per window, on top. */
  jobSubmissions: z.coerce.number().int().min(1).default(30),
});
export type RateLimitConfig = z.output<typeof rateLimitConfigSchema>;
