import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { ErrorEnvelopeFilter } from './common/errors/error-envelope.filter.js';
import { corsOptions } from './common/http/cors.options.js';
import { createAppLogger } from './common/logging/logger.factory.js';
import { requestIdMiddleware } from './common/request-id/request-id.middleware.js';
import { setupSwagger } from './common/swagger/openapi.setup.js';
import { createValidationPipe } from './common/validation/validation-pipe.factory.js';
import { MetricsService } from './monitoring/metrics.service.js';
import { requestMetricsMiddleware } from './monitoring/request-metrics.middleware.js';
import type { AppConfig } from './config/app-config.schema.js';

export interface CreateAppOptions {
  /** Logger for the app; default per `server.logFormat`. `false` silences Nest's own logs. */
  logger?: LoggerService | false;
}

/**
 * Applies the HTTP set-up shared by the API process and tests to an app created with
 * `{ bodyParser: false }`: request metrics (first, when the app has MetricsService), request id, helmet, CORS, JSON/urlencoded body limits, the error
 * envelope filter, the validation pipe, Swagger at /docs and /docs-json, shutdown hooks.
 */
export function configureApp(
  app: NestExpressApplication,
  config: AppConfig,
): NestExpressApplication {
  // Request metrics first, so that requests rejected anywhere later are counted too.
  const metrics = metricsServiceOf(app);
  if (metrics) app.use(requestMetricsMiddleware(metrics));
  app.use(requestIdMiddleware);
  // No upgrade-insecure-requests: the API (and Swagger UI) is often served over plain HTTP behind a
  // load balancer, where upgrading the UI's asset requests would break it.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.enableCors(corsOptions(config.server.corsOrigins));
  app.useBodyParser('json', { limit: config.server.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.server.bodyLimit, extended: false });
  app.useGlobalFilters(new ErrorEnvelopeFilter());
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  app.enableShutdownHooks();
  return app;
}

/** The app's MetricsService, or undefined in a test app built without MonitoringModule. */
function metricsServiceOf(app: NestExpressApplication): MetricsService | undefined {
  try {
    return app.get(MetricsService, { strict: false });
  } catch {
    return undefined;
  }
}

/** Builds the API app (not listening yet): `AppModule.forRoot(config)` plus `configureApp`. */
export async function createApp(
  config: AppConfig,
  opts: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    abortOnError: false,
    logger: opts.logger ?? createAppLogger(config.server),
  });
  return configureApp(app, config);
}
