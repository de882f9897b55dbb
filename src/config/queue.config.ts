import { z } from 'zod';

/**
 * A URL the Redis client can take: redis:// or rediss://, a port in range, a decodable user and
 * password. The prefix alone let `redis://host:99999` or `redis://%zz@host` through, and the client
 * then threw (`Invalid URL`, `URI malformed`) with no word of which setting was wrong.
 */
function isRedisUrl(u: string): boolean {
  let url: URL;
  try {
    url = new URL(u);
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    return false;
  }
  return url.protocol === 'redis:' || url.protocol === 'rediss:';
}

export const queueConfigSchema = z.object({
  redisUrl: z
    .string()
    .refine((u) => u === '' || isRedisUrl(u), 'a redis:// or rediss:// URL, or empty'),
});
export type QueueConfig = z.infer<typeof queueConfigSchema>;
