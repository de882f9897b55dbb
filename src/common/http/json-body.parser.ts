import type { FastifyBodyParser } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from '../errors/app-error.js';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-depth.js';

export class MalformedJsonError extends AppError {
  constructor(reason: string) {
    super(400, 'Request body is not valid JSON', {
      code: 'malformed_json',
      details: { reason },
    });
  }
}

export class JsonTooDeepError extends AppError {
  constructor() {
    super(400, `Request body nests deeper than ${MAX_JSON_DEPTH} levels`, {
      code: 'json_too_deep',
      details: { max_depth: MAX_JSON_DEPTH },
    });
  }
}

const POISONING = { protoAction: 'error', constructorAction: 'error' } as const;

/**
 * The JSON body parser. An empty body is no body, so a bodiless POST sent with
 * `Content-Type: application/json` (curl, some clients) reaches its route. Anything else must parse,
 * without `__proto__` or `constructor.prototype` keys; a failure is a 400 `malformed_json` that says why.
 * A body nested deeper than MAX_JSON_DEPTH is a 400 `json_too_deep`, found before parsing.
 */
export const jsonBodyParser: FastifyBodyParser<Buffer> = (_req, body, done) => {
  if (body.length === 0 || (body.length <= 8 && body.toString('latin1').trim() === '')) {
    done(null, undefined);
    return;
  }
  if (jsonNestsDeeperThan(body)) {
    done(new JsonTooDeepError(), undefined);
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
