import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** True for an incoming id worth keeping: 1–128 characters of `[A-Za-z0-9._-]`. */
export function isSaneRequestId(value: unknown): value is string {
  return typeof value === 'string' && SANE_ID.test(value);
}

/**
 * The id a new request gets (Fastify's `genReqId`, so it is `request.id` everywhere): the incoming
 * `x-request-id` when sane, else a new UUID.
 */
export function requestIdFor(req: Pick<IncomingMessage, 'headers'>): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return isSaneRequestId(incoming) ? incoming : randomUUID();
}
