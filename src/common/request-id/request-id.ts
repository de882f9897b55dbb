import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** A request carrying the id the middleware gave it. */
type WithRequestId = IncomingMessage & {
  requestId?: string;
  /** The response whose `x-request-id` header was set already. */
  requestIdSetOn?: ServerResponse;
};

/** True for an incoming id worth keeping: 1–128 characters of `[A-Za-z0-9._-]`. */
export function isSaneRequestId(value: unknown): value is string {
  return typeof value === 'string' && SANE_ID.test(value);
}

/** The id given to this request by the middleware, if it ran. */
export function requestIdOf(req: IncomingMessage): string | undefined {
  return (req as WithRequestId).requestId;
}

/**
 * Gives the request its id once: the incoming `x-request-id` when sane, else a new UUID; stores it on
 * the request and sets the response header. Later calls return the same id.
 */
export function ensureRequestId(req: IncomingMessage, res?: ServerResponse): string {
  const r = req as WithRequestId;
  if (r.requestId === undefined) {
    const incoming = req.headers[REQUEST_ID_HEADER];
    r.requestId = isSaneRequestId(incoming) ? incoming : randomUUID();
  }
  // Once per response: the middleware sets it, later callers (decorator, error filter) skip it.
  if (res && !res.headersSent && r.requestIdSetOn !== res) {
    res.setHeader(REQUEST_ID_HEADER, r.requestId);
    r.requestIdSetOn = res;
  }
  return r.requestId;
}
