import { Module } from '@nestjs/common';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import { StorageModule } from '../storage/storage.module.js';
import { ActualsStore } from './actuals/actuals.store.js';

/** The posted actuals (one ActualsStore per process, so its writes are serialised). */
@Module({
  imports: [StorageModule],
  providers: [
    {
      provide: ActualsStore,
      inject: [ARTIFACT_STORE],
      useFactory: (store: ArtifactStore) => new ActualsStore(store),
    },
  ],
  exports: [ActualsStore, StorageModule],
})
export class MonitoringStoreModule {}
