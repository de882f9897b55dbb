import type { FastifyRequest } from 'fastify';
import type { ClientIdentity, ClientKeyRing } from './client-keys.js';

export const API_KEY_HEADER = 'x-api-key';

/**
 * Paths (first segment) open to anyone, without a key and outside the rate limit: probes
 * (`/health*`), scrapes (`/metrics`) and the API docs.
 */
export const OPEN_PATHS: readonly string[] = ['health', 'metrics', 'docs', 'docs-json'];

/** The first segment of a request URL's path (`/health/ready?x=1` → `health`). */
export function firstSegment(url: string): string {
  const path = url.split('?', 1)[0];
  return path.split('/').find((s) => s !== '') ?? '';
}

/** The `x-api-key` header value (the first one when repeated); undefined when absent or empty. */
export function presentedApiKey(req: Pick<FastifyRequest, 'headers'>): string | undefined {
  const header = req.headers[API_KEY_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value === '' ? undefined : value;
}

const identities = new WeakMap<object, ClientIdentity | null>();

/** The request's client identity from its key (resolved once per request). */
export function requestClient(
  req: Pick<FastifyRequest, 'headers' | 'raw'>,
  ring: ClientKeyRing,
): ClientIdentity | null {
  const cached = identities.get(req.raw);
  if (cached !== undefined) return cached;
  const identity = ring.resolve(presentedApiKey(req));
  identities.set(req.raw, identity);
  return identity;
}

/** The identity already resolved for this request (by the key guard), or null. */
export function resolvedClient(req: Pick<FastifyRequest, 'raw'>): ClientIdentity | null {
  return identities.get(req.raw) ?? null;
}
