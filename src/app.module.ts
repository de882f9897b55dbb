import { Module, type DynamicModule } from '@nestjs/common';
import { ClientAuthModule } from './common/auth/client-key.guard.js';
import { RateLimitModule } from './common/http/rate-limit.guard.js';
import type { AppConfig } from './config/app-config.schema.js';
import { AppConfigModule } from './config/config.module.js';
import { ConsoleModule } from './console/console.module.js';
import { DataModule } from './data/data.module.js';
import { FeaturesModule } from './training/features.module.js';
import { appReadinessProvider } from './health/app-readiness.provider.js';
import { HealthModule } from './health/health.module.js';
import { ItemsModule } from './items/items.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { JOB_PROCESSOR_BUNDLE } from './jobs/processors/index.js';
import { JobsHttpModule } from './jobs/http/jobs-http.module.js';
import { CANARY_CONTROL } from './monitoring/canary/canary-control.js';
import { ForecastMonitoringModule } from './monitoring/forecast-monitoring.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { ModelsAdminModule } from './registry/models-admin.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { SageMakerModule } from './sagemaker/sagemaker.module.js';
import { CandidateRouterService } from './serving/candidate-router.service.js';
import { ServingJobsModule } from './serving/serving-jobs.module.js';
import { ServingModule } from './serving/serving.module.js';
import { StartupModule } from './startup/startup.module.js';
import { StorageModule } from './storage/storage.module.js';

/** Root module of the API process. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        // Rate limit first (unknown keys count as their IP), then client keys when configured.
        RateLimitModule.forRoot(config.rateLimit, config.auth),
        ClientAuthModule.forRoot(),
        // /health/ready: first start over, prod models served, Redis, artifact store, tf backend.
        HealthModule.forRoot({
          imports: [StartupModule, ServingModule, StorageModule],
          providers: [appReadinessProvider],
        }),
        DataModule,
        FeaturesModule,
        // Nest keys dynamic modules by object reference: the registry is built once, here, and
        // is global so admin routes, the first-start job and serving share one instance.
        RegistryModule.forRoot(),
        ModelsAdminModule,
        StartupModule,
        MonitoringModule,
        ServingModule,
        ItemsModule,
        // The web console at /console (and / redirecting there).
        ConsoleModule,
        // Jobs (batch-predict, train, backtest, refresh-forecasts): run here in roles `all` and
        // in-process, by `freshcast worker` processes otherwise.
        JobsModule.forRoot({ processors: JOB_PROCESSOR_BUNDLE }),
        ServingJobsModule,
        JobsHttpModule,
        // Actuals, live accuracy, drift, alerts and canary verdicts.
        ForecastMonitoringModule.forRoot({
          imports: [ServingModule],
          canaryControl: { provide: CANARY_CONTROL, useExisting: CandidateRouterService },
        }),
        // SageMaker container contract (GET /ping, POST /invocations) only when enabled.
        ...(config.sagemaker.enabled ? [SageMakerModule] : []),
      ],
    };
  }
}
