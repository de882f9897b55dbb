import { z } from 'zod';
import { booleanFlag } from './boolean-flag.js';

/**
 * `rateLimit` section: a budget of `limit` requests per client per `ttlSec` window. A client is the
 * `x-api-key` header when sent, else the client IP. Every key has a default.
 */
export const rateLimitConfigSchema = z.object({
  enabled: booleanFlag.default(true),
  ttlSec: z.coerce.number().int().min(1).default(60),
  limit: z.coerce.number().int().min(1).default(600),
});
export type RateLimitConfig = z.output<typeof rateLimitConfigSchema>;
