import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCEPTED_CONTENT_TYPES } from './content-type.guard.js';
import { contentTypeMatches, JSON_MEDIA_TYPE, mediaTypeOf } from './content-type.js';
import { UnsupportedContentTypeError } from './unsupported-content-type.error.js';

/** True when the request carries a body (a non-zero Content-Length, or a chunked one). */
function hasBody(req: FastifyRequest): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length.trim() !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * Fastify `preValidation` hook: a body must be of a media type its route accepts, JSON unless the
 * route says otherwise (`@RequireContentType`). Without it a multipart body, which the multipart
 * plugin leaves for the routes that read it, would reach a JSON route as no body at all (and
 * `POST /predict/batch` would start an all-items job). A request without a body passes.
 */
export function bodyContentTypeHook(
  req: FastifyRequest,
  _reply: FastifyReply,
  done: (err?: Error) => void,
): void {
  if (!hasBody(req)) return done();
  const config = req.routeOptions.config as unknown as Record<string, unknown> | undefined;
  const listed = config?.[ACCEPTED_CONTENT_TYPES];
  const accepted = Array.isArray(listed) ? listed.map(String) : [JSON_MEDIA_TYPE];
  const header = req.headers['content-type'];
  if (contentTypeMatches(header, accepted)) return done();
  done(new UnsupportedContentTypeError(mediaTypeOf(header), accepted));
}
