import { z } from 'zod';
import { BYTE_SIZE_PATTERN } from '../common/http/byte-size.js';
import { trustProxySchema } from './trust-proxy.js';

export const serverConfigSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  bodyLimit: z.string().regex(BYTE_SIZE_PATTERN, 'a size such as 512kb or 1mb'),
  uploadLimitMb: z.coerce.number().positive().max(4096),
  /** Uploads POST /data/validate validates at once (503 validation_busy beyond). */
  maxConcurrentValidations: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * Rows one validation may hold (annex files: rows kept; long format: distinct (unique_id, ds)
   * keys); 413 payload_too_large beyond. Bounds the memory of an upload whatever its size.
   */
  validationMaxRows: z.coerce.number().int().min(1).max(100_000_000).default(3_000_000),
  corsOrigins: z.array(z.string()),
  logFormat: z.enum(['pretty', 'json']),
  /** Peers trusted to give the client address in X-Forwarded-For (see trust-proxy.ts). */
  trustProxy: trustProxySchema,
  /** Shutdown drain: ends once no request was in flight nor arrived for this long... */
  drainQuietMs: z.coerce.number().int().min(0).max(60_000).default(300),
  /** ... or after this long. */
  drainMaxMs: z.coerce.number().int().min(0).max(300_000).default(5_000),
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;
