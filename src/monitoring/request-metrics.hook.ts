import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MetricsService } from './metrics.service.js';

/** Route label of a request no route handled (unknown path, or rejected before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Fastify `onResponse` hook: counts every answered request and its latency, labelled by the route
 * pattern (`/forecasts/:item_code`, never the raw URL) or `unmatched`. It sees every response,
 * including those refused before the handler (malformed JSON, 413, 415, unknown routes) and by
 * guards (429).
 */
export function requestMetricsHook(
  metrics: MetricsService,
): (req: FastifyRequest, reply: FastifyReply, done: () => void) => void {
  return (req, reply, done) => {
    metrics.observeRequest(
      req.method,
      req.is404 ? UNMATCHED_ROUTE : (req.routeOptions.url ?? UNMATCHED_ROUTE),
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  };
}
