import type { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCEPTED_CONTENT_TYPES } from '../http/content-type.guard.js';
import { REQUEST_ID_HEADER } from '../request-id/request-id.js';
import { AppError } from './app-error.js';
import type { ErrorEnvelope } from './error-envelope.js';
import { causeLine, ExpectedFaultLog } from './expected-fault.log.js';
import { mapException, type RequestFacts } from './exception-mapping.js';

/** What the exception mapping may need to know of the request (Fastify's route options). */
function requestFacts(req: FastifyRequest): RequestFacts {
  const route = req.is404 ? undefined : req.routeOptions;
  const config = route?.config as Record<string, unknown> | undefined;
  const accepted = config?.[ACCEPTED_CONTENT_TYPES];
  return {
    bodyLimitBytes: route?.bodyLimit ?? req.server.initialConfig.bodyLimit,
    contentType: req.headers['content-type'],
    acceptedContentTypes: Array.isArray(accepted) ? accepted.map(String) : undefined,
  };
}

const expectedFaults = new ExpectedFaultLog();

/**
 * Answers a failed request with the envelope `{error, message, details, timestamp, request_id}` and
 * the `x-request-id` header; a server fault is logged once with the request id and stack, except a
 * 5xx AppError (expected: queue unavailable, shutting down), logged in one rate-limited line. Used by the
 * global exception filter and for the errors Fastify raises before routing (a malformed URL).
 */
export function replyWithErrorEnvelope(
  exception: unknown,
  req: FastifyRequest,
  reply: FastifyReply,
  logger: Pick<LoggerService, 'error' | 'warn'>,
): void {
  const mapped = mapException(exception, requestFacts(req));
  // The path only: a query string may carry a credential a client put there.
  const path = req.url.split('?', 1)[0];
  if (mapped.serverFault && exception instanceof AppError) {
    const cause = causeLine(exception);
    expectedFaults.log(
      logger,
      mapped.error,
      `[${req.id}] ${req.method} ${path} ${mapped.status} ${mapped.error}: ${mapped.message}` +
        (cause ? ` (cause: ${cause})` : ''),
    );
  } else if (mapped.serverFault) {
    const stack = exception instanceof Error ? exception.stack : String(exception);
    logger.error(`[${req.id}] ${req.method} ${path} failed`, stack);
  }
  if (reply.sent || reply.raw.headersSent) {
    // Too late for an envelope (a stream failed midway): cut the response so the client sees it.
    if (!reply.raw.writableEnded) reply.raw.destroy();
    return;
  }
  const body: ErrorEnvelope = {
    error: mapped.error,
    message: mapped.message,
    details: mapped.details,
    timestamp: new Date().toISOString(),
    request_id: req.id,
  };
  void reply
    .status(mapped.status)
    .header(REQUEST_ID_HEADER, req.id)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(body));
}
