import type { FastifyReply, FastifyRequest } from 'fastify';

/** Route of a request no route handled (unknown path, or refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/** Something that looks at every answered request (request metrics, the access log). */
export type ResponseObserver = (req: FastifyRequest, reply: FastifyReply, route: string) => void;

/** The route pattern a request matched (`/forecasts/:item_code`, never the raw URL), or `unmatched`. */
export function routeOf(req: FastifyRequest): string {
  return req.is404 ? UNMATCHED_ROUTE : (req.routeOptions.url ?? UNMATCHED_ROUTE);
}

/**
 * One Fastify `onResponse` hook for all the observers: the route pattern is resolved once per
 * answered request (Fastify builds a fresh `routeOptions` object on every read) and the hook runner
 * takes one step instead of one per observer. It sees every response, including those refused before
 * the handler (malformed JSON, 413, 415, unknown routes) and by guards (429).
 */
export function responseObserversHook(
  observers: readonly ResponseObserver[],
): (req: FastifyRequest, reply: FastifyReply, done: () => void) => void {
  return (req, reply, done) => {
    const route = routeOf(req);
    for (const observe of observers) observe(req, reply, route);
    done();
  };
}
