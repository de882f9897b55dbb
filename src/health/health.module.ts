import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { HealthController } from './health.controller.js';
import { HEALTH_INDICATORS, READINESS_CHECKS } from './health-indicators.js';
import { HealthService } from './health.service.js';
import { ConfigRuntimeInfo, RUNTIME_INFO } from './runtime-info.js';

export interface HealthModuleOptions {
  /** Modules the providers below depend on. */
  imports?: ModuleMetadata['imports'];
  /**
   * Providers for RUNTIME_INFO (a RuntimeInfo: tf backend, queue mode), HEALTH_INDICATORS (extra
   * terminus checks of /health) and/or READINESS_CHECKS (those of /health/ready). Each one left out
   * gets its default (config-based RuntimeInfo; no checks).
   */
  providers?: Provider[];
}

function provides(providers: Provider[], token: symbol): boolean {
  return providers.some((p) => typeof p === 'object' && 'provide' in p && p.provide === token);
}

/** GET /health, /health/live and /health/ready (terminus). */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    const given = options.providers ?? [];
    const defaults: Provider[] = [];
    if (!provides(given, RUNTIME_INFO))
      defaults.push({
        provide: RUNTIME_INFO,
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => new ConfigRuntimeInfo(config),
      });
    if (!provides(given, HEALTH_INDICATORS))
      defaults.push({ provide: HEALTH_INDICATORS, useValue: [] });
    if (!provides(given, READINESS_CHECKS))
      defaults.push({ provide: READINESS_CHECKS, useValue: [] });
    return {
      module: HealthModule,
      imports: [
        TerminusModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            errorLogStyle: config.server.logFormat === 'json' ? 'json' : 'pretty',
            // Probes run every few seconds: HealthService logs readiness changes instead.
            logger: false,
          }),
        }),
        ...(options.imports ?? []),
      ],
      controllers: [HealthController],
      providers: [HealthService, ...given, ...defaults],
      // The worker's own listener answers with it (src/worker-http.server.ts).
      exports: [HealthService],
    };
  }
}
