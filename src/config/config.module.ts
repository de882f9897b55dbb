import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './app-config.schema.js';
import { APP_CONFIG } from './config.tokens.js';

/** Provides the validated AppConfig (loaded once, before the app is created) under APP_CONFIG. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
