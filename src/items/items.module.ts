import { Module } from '@nestjs/common';
import { MonitoringStoreModule } from '../monitoring/monitoring-store.module.js';
import { ServingModule } from '../serving/serving.module.js';
import { StartupModule } from '../startup/startup.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { ItemsController } from './items.controller.js';
import { ItemsService } from './items.service.js';

/** GET /items and GET /items/:item_code/history: the data set's items for people and the console. */
@Module({
  imports: [StartupModule, StorageModule, ServingModule, MonitoringStoreModule],
  controllers: [ItemsController],
  providers: [ItemsService],
})
export class ItemsModule {}
