import { Logger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import { AppModule } from './app.module.js';
import { ErrorEnvelopeFilter } from './common/errors/error-envelope.filter.js';
import { replyWithErrorEnvelope } from './common/errors/error-envelope.reply.js';
import { bodyContentTypeHook } from './common/http/body-content-type.hook.js';
import { contentEncodingHook } from './common/http/content-encoding.hook.js';
import { corsOptions } from './common/http/cors.options.js';
import { createHttpAdapter, DrainingFastifyAdapter } from './common/http/http-adapter.factory.js';
import { HttpDrain } from './common/http/http-drain.js';
import { jsonBodyParser } from './common/http/json-body.parser.js';
import {
  responseObserversHook,
  type ResponseObserver,
} from './common/http/response-observers.hook.js';
import { securityHeaders } from './common/http/security-headers.js';
import { ShuttingDownError } from './common/http/shutting-down.error.js';
import { accessLogObserver } from './common/logging/access-log.observer.js';
import { AccessLogPolicy } from './common/logging/access-log.policy.js';
import { createAppLogger } from './common/logging/logger.factory.js';
import { secretValuesOf } from './common/logging/redact.js';
import { requestContextHook } from './common/logging/request-context.hook.js';
import { REQUEST_ID_HEADER } from './common/request-id/request-id.js';
import { setupSwagger } from './common/swagger/openapi.setup.js';
import { createValidationPipe } from './common/validation/validation-pipe.factory.js';
import { MetricsService } from './monitoring/metrics.service.js';
import { requestMetricsObserver } from './monitoring/request-metrics.observer.js';
import type { AppConfig } from './config/app-config.schema.js';

export interface CreateAppOptions {
  /** Logger for the app; default per `server.logFormat`. `false` silences Nest's own logs. */
  logger?: LoggerService | false;
}

/** Signals that close the app (through Nest's shutdown hooks); SIGUSR2 and others are left alone. */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Applies the HTTP set-up shared by the API process and tests to an app on `createHttpAdapter` created
 * with `{ bodyParser: false }`: the request id in the log context of everything a request runs, the
 * `x-request-id` and helmet's security headers, a 503 envelope for
 * requests that arrive while the server closes, a 415 for compressed bodies and for bodies of a
 * media type the route does not accept, request metrics (when
 * the app has MetricsService and `metrics.requestMetrics` is on), the access log (`logging.access`), CORS, multipart, the JSON body parser, the error envelope filter, the
 * validation pipe, Swagger at /docs and /docs-json, shutdown hooks.
 */
export async function configureApp(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<NestFastifyApplication> {
  const fastify = app.getHttpAdapter().getInstance();
  const security = securityHeaders();
  // Set when the app starts to close (DrainingFastifyAdapter.beforeClose): requests already in
  // flight are answered as usual; a request that arrives then (new, keep-alive or pipelined) gets a
  // 503 envelope with Connection: close, so its client stops reusing a connection that will close.
  const drain = drainOf(app);
  // First: every later hook, guard, handler and filter of the request logs with its id.
  fastify.addHook('onRequest', requestContextHook);
  fastify.addHook('preClose', (done) => {
    drain.closing = true;
    done();
  });
  const httpLogger = new Logger('HTTP');
  fastify.addHook('onRequest', (req, reply, done) => {
    drain.track(reply);
    reply.headers(security).header(REQUEST_ID_HEADER, req.id);
    if (!drain.closing) return done();
    reply.header('retry-after', '1').header('connection', 'close');
    replyWithErrorEnvelope(new ShuttingDownError(), req, reply, httpLogger);
  });
  fastify.addHook('onRequest', contentEncodingHook);
  fastify.addHook('preValidation', requestContextHook);
  fastify.addHook('preValidation', bodyContentTypeHook);
  const observers: ResponseObserver[] = [];
  const metrics = metricsServiceOf(app);
  if (metrics && config.metrics.requestMetrics) observers.push(requestMetricsObserver(metrics));
  const access = config.logging.access;
  if (access.mode !== 'off' || access.routes.some((r) => r.mode !== 'off'))
    observers.push(accessLogObserver(new AccessLogPolicy(access), config.auth));
  if (observers.length > 0) fastify.addHook('onResponse', responseObserversHook(observers));
  app.enableCors(corsOptions(config.server.corsOrigins));
  // Multipart bodies are streamed to the route that reads them (with its own limits), never buffered here.
  await app.register(multipart);
  app.useBodyParser('application/json', {}, jsonBodyParser);
  app.useGlobalFilters(new ErrorEnvelopeFilter());
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS]);
  return app;
}

/** The drain state of the app's adapter (a fresh, never-closing one for another adapter). */
function drainOf(app: NestFastifyApplication): HttpDrain {
  const adapter = app.getHttpAdapter();
  return adapter instanceof DrainingFastifyAdapter ? adapter.drain : new HttpDrain();
}

/** The app's MetricsService, or undefined in a test app built without MonitoringModule. */
function metricsServiceOf(app: NestFastifyApplication): MetricsService | undefined {
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
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createHttpAdapter(config),
    {
      bodyParser: false,
      abortOnError: false,
      logger: opts.logger ?? createAppLogger(config.server, { secrets: secretValuesOf(config) }),
    },
  );
  return configureApp(app, config);
}

/**
 * Initialises an app for in-process requests (supertest on `getHttpServer()`, without `listen`):
 * Nest's `init` registers the routes, Fastify's `ready` loads the plugins and makes them live.
 * When either fails the app is closed before the error is rethrown: the caller never gets it to close,
 * and what the hooks that ran had started (BullMQ workers, Redis connections, timers) would otherwise
 * keep the process alive.
 */
export async function initApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  try {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (err) {
    // The init error is the one to report; a close that fails too adds nothing the caller can act on.
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}
