import { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.schema.js';
import type { ArtifactStore } from '../storage/artifact-store.js';
import { createArtifactStore, describeStorage } from '../storage/artifact-store.factory.js';
import { S3ArtifactStore } from '../storage/s3.driver.js';
import { ModelRegistryService } from './model-registry.service.js';
import { LocalPromotionNotifier, type PromotionNotifier } from './promotion-notifier.js';
import { RedisPromotionNotifier } from './redis-promotion-notifier.js';
import { RedisRegistryLock } from './redis-registry-lock.js';
import { InProcessRegistryLock, type RegistryLock } from './registry-lock.js';
import type { RegistryConfig } from '../config/registry.config.js';

/** The Redis lock/channel namespace: `registry.namespace`, or the storage location when empty. */
export function registryNamespace(registry: RegistryConfig, app: AppConfig): string {
  return registry.namespace !== '' ? registry.namespace : describeStorage(app.storage);
}

/** The lock RegistryModule uses: Redis `SET NX PX` with a client, else an in-process mutex. */
export function createRegistryLock(
  app: AppConfig,
  registry: RegistryConfig,
  redis: Redis | null,
): RegistryLock {
  if (redis === null) return new InProcessRegistryLock();
  return new RedisRegistryLock(redis, {
    namespace: registryNamespace(registry, app),
    ttlMs: registry.lockTtlMs,
    waitMs: registry.lockWaitMs,
  });
}

/** What a registry is built over; the process decides how it connects and hears of changes. */
export interface RegistryDeps {
  store: ArtifactStore;
  /** The Redis client for the lock; null: an in-process lock (one writer). */
  redis: Redis | null;
  notifier: PromotionNotifier;
  clock?: () => Date;
}

/**
 * The one place a ModelRegistryService is made, for RegistryModule and for processes without Nest
 * alike: gates and lock settings from `app.registry` (validated once, by the config loader), the
 * Redis lock when there is a client.
 */
export function createModelRegistry(app: AppConfig, deps: RegistryDeps): ModelRegistryService {
  return new ModelRegistryService({
    store: deps.store,
    gates: app.registry.gates,
    lock: createRegistryLock(app, app.registry, deps.redis),
    notifier: deps.notifier,
    clock: deps.clock,
  });
}

/** A registry outside Nest (CLI, scripts) and what it holds open. */
export interface StandaloneRegistry {
  registry: ModelRegistryService;
  store: ArtifactStore;
  /** 'redis' when changes are locked and announced through `queue.redisUrl`, else 'local'. */
  mode: 'redis' | 'local';
  /** Resolves once Redis answers (at once without Redis); rejects when it cannot be reached. */
  ready(): Promise<void>;
  /** Closes the Redis connection and the S3 client, if any (call after the last change resolved). */
  close(): Promise<void>;
}

export interface StandaloneRegistryOptions {
  /** Default: the driver named by `app.storage`. */
  store?: ArtifactStore;
  clock?: () => Date;
}

/**
 * Redis for a short-lived process: gives up after a few connection attempts instead of waiting
 * forever, fails a command that gets no answer (a port that accepts connections but is no Redis, or
 * a stopped Redis: without the timeout `models list` waited forever), and does not keep the process
 * alive for long after `disconnect()` when the socket never opened (ioredis waits
 * `disconnectTimeout` for a close event that already happened).
 */
function shortLivedRedis(url: string): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    commandTimeout: 5000,
    disconnectTimeout: 200,
    retryStrategy: (times) => (times > 3 ? null : times * 200),
  });
  // Connection errors reach the caller as failed commands (`ready()` says Redis cannot be reached);
  // unheard, ioredis printed each one with its stack ("[ioredis] Unhandled error event") on stderr.
  redis.on('error', () => undefined);
  return redis;
}

/**
 * A ModelRegistryService built the way RegistryModule builds it, for a process without Nest: the
 * artifact store from `app.storage`, gates and lock settings from `app.registry`, and with
 * `queue.redisUrl` set the same Redis lock (so a CLI change waits for an API change and the other
 * way round) and Redis promotion notices (so serving replicas swap models at once). Without Redis,
 * replicas learn of CLI changes by polling state.json. Call `close()` when done.
 */
export function buildStandaloneRegistry(
  app: AppConfig,
  opts: StandaloneRegistryOptions = {},
): StandaloneRegistry {
  const store = opts.store ?? createArtifactStore(app.storage);
  const redis = app.queue.redisUrl === '' ? null : shortLivedRedis(app.queue.redisUrl);
  // Without Redis a short-lived process tells no one: replicas poll state.json.
  const notifier: PromotionNotifier = redis
    ? new RedisPromotionNotifier(redis, registryNamespace(app.registry, app))
    : new LocalPromotionNotifier();
  const registry = createModelRegistry(app, { store, redis, notifier, clock: opts.clock });
  return {
    registry,
    store,
    mode: redis ? 'redis' : 'local',
    ready: async () => {
      if (redis) await redis.ping();
    },
    close: async () => {
      await notifier.close();
      redis?.disconnect();
      if (opts.store === undefined && store instanceof S3ArtifactStore) store.destroy();
    },
  };
}
