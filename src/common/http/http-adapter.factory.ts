import { Logger } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { replyWithErrorEnvelope } from '../errors/error-envelope.reply.js';
import type { AppConfig } from '../../config/app-config.schema.js';
import { requestIdFor } from '../request-id/request-id.js';
import { byteSize } from './byte-size.js';
import { createClientErrorHandler } from './client-error.handler.js';
import { HttpDrain, type DrainSettings } from './http-drain.js';

/**
 * FastifyAdapter that drains before the app shuts down: Nest calls `beforeClose` first, before any
 * module's destroy hooks, so the requests on the wire are answered by a whole app, and keep-alive
 * clients are told `Connection: close` before the server closes their idle connections.
 */
export class DrainingFastifyAdapter extends FastifyAdapter {
  readonly drain = new HttpDrain();
  drainSettings: DrainSettings = { quietMs: 300, maxMs: 5_000 };

  // Typed void in the base class, but Nest awaits it (`prepareClose`) before the destroy hooks.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  override async beforeClose(): Promise<void> {
    super.beforeClose();
    const server = this.getInstance().server;
    if (server.listening) await this.drain.drain(this.drainSettings);
    else this.drain.closing = true;
  }
}

/**
 * The HTTP server under Nest: Fastify, with the body limit from `server.bodyLimit`, the request id as
 * Fastify's own (`request.id`, from a sane `x-request-id` or a new UUID) and a trailing slash ignored
 * (`/status/` is `/status`). Errors Fastify meets before routing (a malformed URL) get the error
 * envelope too, and so do requests Node's HTTP parser refuses (431, malformed request lines).
 * `server.trustProxy` says which peers may name the client in X-Forwarded-For. On shutdown it
 * drains first (`server.drainQuietMs`, `server.drainMaxMs`). Fastify's own logger stays off; Nest
 * logs.
 */
export function createHttpAdapter(config: AppConfig): DrainingFastifyAdapter {
  const logger = new Logger('HTTP');
  const adapter = new DrainingFastifyAdapter({
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) =>
      replyWithErrorEnvelope(error, req, reply, logger),
    clientErrorHandler: createClientErrorHandler(),
    bodyLimit: byteSize(config.server.bodyLimit),
    genReqId: requestIdFor,
    // The client address (rate limits, logs) from X-Forwarded-For only when the peer is trusted.
    trustProxy: config.server.trustProxy,
    // Path parameters up to 1,024 characters reach validation (a 400 that names the field), not a 404.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
    // While closing, requests on connections still open get our 503 envelope (configureApp), not
    // Fastify's own body written before any hook runs.
    return503OnClosing: false,
  });
  adapter.drainSettings = { quietMs: config.server.drainQuietMs, maxMs: config.server.drainMaxMs };
  return adapter;
}
