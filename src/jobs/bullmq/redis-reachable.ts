import type { AppConfig } from '../../config/app-config.schema.js';
import { jobsConfigOf } from '../jobs-runtime.js';
import { createProducerClient, waitForRedis } from './redis-connections.js';

/**
 * Connects once to `queue.redisUrl` and disconnects; QueueUnavailableError (one clear line) when
 * Redis cannot be reached within `jobs.connectTimeoutMs`. A worker checks this before building
 * anything, so an unreachable Redis leaves no client behind reconnecting.
 */
export async function assertRedisReachable(config: AppConfig): Promise<void> {
  const settings = jobsConfigOf(config);
  const url = config.queue.redisUrl;
  const client = createProducerClient(url, settings, 'freshcast:start-check');
  client.on('error', () => undefined);
  try {
    await waitForRedis(client, url, settings.connectTimeoutMs);
  } finally {
    client.disconnect();
  }
}
