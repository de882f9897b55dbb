import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsService } from './metrics.service.js';

/** Route label of a request no route handled (unknown path, or rejected before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/** A request as Express leaves it: `route` is set once a route matched. */
type RoutedRequest = IncomingMessage & { route?: { path?: unknown } };

/**
 * Express-style middleware, installed first: counts every answered request and its latency,
 * labelled by the route pattern (`/forecasts/:item_code`, never the raw URL) or `unmatched`.
 * Because it runs before body parsing and routing, requests rejected there (malformed JSON, 413,
 * 415, unknown routes) and by guards (429) are counted too.
 */
export function requestMetricsMiddleware(
  metrics: MetricsService,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      const path = (req as RoutedRequest).route?.path;
      metrics.observeRequest(
        req.method ?? 'GET',
        typeof path === 'string' ? path : UNMATCHED_ROUTE,
        res.statusCode,
        (performance.now() - started) / 1000,
      );
    });
    next();
  };
}
