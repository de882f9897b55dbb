import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { RegistryModule } from '../registry/registry.module.js';
import { DatasetService } from './dataset.service.js';
import { FirstStartService } from './first-start.service.js';
import { StatusController } from './status.controller.js';

/** The first-start job (data, default model) and GET /status. */
@Module({})
export class StartupModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StartupModule,
      imports: [RegistryModule.forRoot(config.registry)],
      controllers: [StatusController],
      providers: [DatasetService, FirstStartService],
      exports: [DatasetService, FirstStartService],
    };
  }
}
