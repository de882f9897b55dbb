import { Module, type DynamicModule } from '@nestjs/common';
import { ModelsController } from './models.controller.js';
import { RegistryModule } from './registry.module.js';

/** The admin HTTP routes of the model registry (/models, behind x-api-key). Needs AppConfigModule. */
@Module({})
export class ModelsAdminModule {
  /** `registry`: the registry config section (`config.registry`), as RegistryModule.forRoot takes it. */
  static forRoot(registry?: unknown): DynamicModule {
    return {
      module: ModelsAdminModule,
      imports: [RegistryModule.forRoot(registry)],
      controllers: [ModelsController],
    };
  }
}
