import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Target } from '../data/series-panel.js';
import { KeyedMutex, type LockGuard, type RegistryLock } from './registry-lock.js';
import { RegistryError } from './registry.errors.js';

/** Deletes the lock only if it still holds our token. */
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface RedisRegistryLockOptions {
  /** Separates registries that share a Redis (derived from the storage location by default). */
  namespace: string;
  ttlMs: number;
  waitMs: number;
}

export const redisLockKey = (namespace: string, target: Target): string =>
  `freshcast:registry:${namespace}:lock:${target}`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A per-target lock shared by all processes that use the same Redis and namespace: `SET key token NX
 * PX ttl`, released by a compare-and-delete script. Callers in the same process queue on a local
 * mutex first. A holder that dies frees the lock after `ttlMs`; a holder slower than `ttlMs` finds
 * out at `assertHeld()` (before it writes the state) and fails with CONFLICT. The Redis client is
 * not owned: the caller closes it.
 */
export class RedisRegistryLock implements RegistryLock {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisRegistryLockOptions,
  ) {}

  withLock<T>(target: Target, fn: (guard: LockGuard) => Promise<T>): Promise<T> {
    return this.mutex.run(target, async () => {
      const key = redisLockKey(this.options.namespace, target);
      const token = randomBytes(12).toString('hex');
      await this.acquire(key, token, target);
      const guard: LockGuard = {
        assertHeld: async () => {
          if ((await this.redis.get(key)) !== token)
            throw new RegistryError(
              'CONFLICT',
              `the registry lock for ${target} expired before the change was saved`,
            );
        },
      };
      try {
        return await fn(guard);
      } finally {
        await this.redis.eval(RELEASE_SCRIPT, 1, key, token);
      }
    });
  }

  private async acquire(key: string, token: string, target: Target): Promise<void> {
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const ok = await this.redis.set(key, token, 'PX', this.options.ttlMs, 'NX');
      if (ok === 'OK') return;
      if (Date.now() >= deadline)
        throw new RegistryError(
          'CONFLICT',
          `the registry of ${target} is busy with another change; try again`,
          {
            target,
          },
        );
      await sleep(20 + Math.floor(Math.random() * 40));
    }
  }
}
