import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import { StorageModule } from '../storage/storage.module.js';
import { ModelRegistryService } from './model-registry.service.js';
import { PollingPromotionNotifier } from './polling-promotion-notifier.js';
import type { PromotionNotifier } from './promotion-notifier.js';
import { RedisPromotionNotifier } from './redis-promotion-notifier.js';
import { RegistryRepository } from './registry.repository.js';
import { createModelRegistry, registryNamespace } from './registry.builder.js';
import type { RegistryConfig } from '../config/registry.config.js';
import { PROMOTION_NOTIFIER, REGISTRY_CONFIG, REGISTRY_REDIS } from './registry.tokens.js';

/**
 * Provides ModelRegistryService and PROMOTION_NOTIFIER. With `queue.redisUrl` set, promotions are
 * serialised across processes by a Redis lock and announced over Redis pub/sub; without it, one
 * process should make changes (in-process lock) and replicas learn of them by polling state.json
 * every `registry.pollIntervalSec`.
 */
/**
 * The registry's Redis connection (lock and promotion notices). An error is logged once per outage
 * in one line: without a listener, ioredis prints "Unhandled error event" and a stack per retry.
 */
function registryRedis(url: string): Redis {
  const redis = new Redis(url, { lazyConnect: false, disconnectTimeout: 200 });
  const logger = new Logger('RegistryRedis');
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger.warn(`registry Redis connection failed: ${err.message}; reconnecting`);
  });
  redis.on('ready', () => {
    if (down) logger.log('registry Redis connection restored');
    down = false;
  });
  return redis;
}

@Module({})
export class RegistryModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RegistryModule.name);

  constructor(
    @Inject(PROMOTION_NOTIFIER) private readonly notifier: PromotionNotifier,
    @Inject(REGISTRY_REDIS) private readonly redis: Redis | null,
  ) {}

  /** The registry reads its section, `registry`, from APP_CONFIG (validated by the config loader). */
  static forRoot(): DynamicModule {
    return {
      module: RegistryModule,
      // Imported once by the app's root module; every feature module shares this one registry.
      global: true,
      imports: [StorageModule],
      providers: [
        {
          provide: REGISTRY_CONFIG,
          inject: [APP_CONFIG],
          useFactory: (app: AppConfig): RegistryConfig => app.registry,
        },
        {
          provide: REGISTRY_REDIS,
          inject: [APP_CONFIG],
          useFactory: (app: AppConfig): Redis | null =>
            app.queue.redisUrl === '' ? null : registryRedis(app.queue.redisUrl),
        },
        {
          provide: PROMOTION_NOTIFIER,
          inject: [APP_CONFIG, REGISTRY_CONFIG, REGISTRY_REDIS, ARTIFACT_STORE],
          useFactory: (
            app: AppConfig,
            config: RegistryConfig,
            redis: Redis | null,
            store: ArtifactStore,
          ): PromotionNotifier => {
            if (redis) return new RedisPromotionNotifier(redis, registryNamespace(config, app));
            const repository = new RegistryRepository(store);
            return new PollingPromotionNotifier((target) => repository.readState(target), {
              intervalMs: config.pollIntervalSec * 1000,
            });
          },
        },
        {
          provide: ModelRegistryService,
          inject: [APP_CONFIG, REGISTRY_REDIS, ARTIFACT_STORE, PROMOTION_NOTIFIER],
          useFactory: (
            app: AppConfig,
            redis: Redis | null,
            store: ArtifactStore,
            notifier: PromotionNotifier,
          ): ModelRegistryService => createModelRegistry(app, { store, redis, notifier }),
        },
      ],
      exports: [ModelRegistryService, PROMOTION_NOTIFIER],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.notifier.start();
    this.logger.log(
      this.redis
        ? 'model registry: Redis lock + pub/sub promotion notices'
        : 'model registry: single writer (in-process lock), replicas poll state.json',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.notifier.close();
    if (this.redis) await this.redis.quit();
  }
}
