import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';

export class UnsupportedContentEncodingError extends AppError {
  constructor(encoding: string) {
    const shown = encoding.length > 50 ? `${encoding.slice(0, 50)}...` : encoding;
    super(415, `Content-Encoding '${shown}' is not supported; send the body uncompressed`, {
      code: 'unsupported_media_type',
      details: { accepted_encodings: ['identity'] },
    });
  }
}

/**
 * Fastify `onRequest` hook: a body sent with a Content-Encoding other than `identity` (gzip, ...) is
 * refused with a 415 instead of being read as if it were plain.
 */
export function contentEncodingHook(
  req: FastifyRequest,
  _reply: FastifyReply,
  done: (err?: Error) => void,
): void {
  const encoding = req.headers['content-encoding'];
  if (encoding === undefined || encoding.trim().toLowerCase() === 'identity') done();
  else done(new UnsupportedContentEncodingError(encoding));
}
