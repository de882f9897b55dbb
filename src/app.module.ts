import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config.schema.js';
import { AppConfigModule } from './config/config.module.js';
import { DataModule } from './data/data.module.js';
import { HealthModule } from './health/health.module.js';

/** Root module of the API process. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [AppConfigModule.forRoot(config), HealthModule.forRoot(), DataModule],
    };
  }
}
