import type { FastifyBodyParser } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from '../errors/app-error.js';

export class MalformedJsonError extends AppError {
  constructor(reason: string) {
    super(400, 'Request body is not valid JSON', {
      code: 'malformed_json',
      details: { reason },
    });
  }
}

const POISONING = { protoAction: 'error', constructorAction: 'error' } as const;

/**
 * The JSON body parser. An empty body is no body, so a bodiless POST sent with
 * `Content-Type: application/json` (curl, some clients) reaches its route. Anything else must parse,
 * without `__proto__` or `constructor.prototype` keys; a failure is a 400 `malformed_json` that says why.
 */
export const jsonBodyParser: FastifyBodyParser<Buffer> = (_req, body, done) => {
  if (body.length === 0 || (body.length <= 8 && body.toString('latin1').trim() === '')) {
    done(null, undefined);
    return;
  }
  let parsed: unknown;
  try {
    parsed = secureJson.parse(body, undefined, POISONING);
  } catch (err) {
    done(new MalformedJsonError(err instanceof Error ? err.message : String(err)), undefined);
    return;
  }
  done(null, parsed);
};
