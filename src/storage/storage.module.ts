import {
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { ARTIFACT_STORE, type ArtifactStore } from './artifact-store.js';
import { createArtifactStore, describeStorage } from './artifact-store.factory.js';
import { DiskArtifactStore } from './disk.driver.js';
import { S3ArtifactStore } from './s3.driver.js';

/** Temp files of writes that died with their process are removed at boot after this age. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** Provides ARTIFACT_STORE (disk or S3, from `storage` in the AppConfig). Needs AppConfigModule. */
@Module({
  providers: [
    {
      provide: ARTIFACT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ArtifactStore => createArtifactStore(config.storage),
    },
  ],
  exports: [ARTIFACT_STORE],
})
export class StorageModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(StorageModule.name);

  constructor(
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.logger.log(`artifact store: ${describeStorage(this.config.storage)}`);
    if (this.store instanceof DiskArtifactStore) await this.store.sweepTempFiles(STALE_TEMP_MS);
  }

  onApplicationShutdown(): void {
    if (this.store instanceof S3ArtifactStore) this.store.destroy();
  }
}
