import type { ResponseObserver } from '../common/http/response-observers.hook.js';
import type { MetricsService } from './metrics.service.js';

/**
 * Counts every answered request and its latency, labelled by the route pattern
 * (`/forecasts/:item_code`, never the raw URL) or `unmatched` (responseObserversHook).
 */
export function requestMetricsObserver(metrics: MetricsService): ResponseObserver {
  return (req, reply, route) => {
    metrics.observeRequest(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
  };
}
