import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { resolvedClient } from '../../common/auth/request-client.js';

export const ACTOR_HEADER = 'x-actor';
/** The actor recorded when a request names none (or only characters that are dropped). */
export const DEFAULT_ACTOR = 'api';
const ACTOR_MAX = 64;

/**
 * The actor to record in the registry history from an `x-actor` header value: letters, digits,
 * spaces and `. _ @ + : -` are kept, anything else (control characters, quotes, markup) is
 * dropped; runs of spaces collapse; at most 64 characters. Empty → `api`.
 */
export function sanitizeActor(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return DEFAULT_ACTOR;
  const clean = value
    .replace(/[^\p{L}\p{N} ._@+:-]/gu, '')
    .replace(/ +/g, ' ')
    .trim()
    .slice(0, ACTOR_MAX)
    .trim();
  return clean === '' ? DEFAULT_ACTOR : clean;
}

/**
 * Handler parameter: who makes the change (`@Actor() actor: string`): the name of the client key the
 * request came with (`auth.clientApiKeys`), else the x-actor header.
 */
export const Actor = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  const client = resolvedClient(req);
  return client?.source === 'client-key' ? client.name : sanitizeActor(req.headers[ACTOR_HEADER]);
});

/** Documents the optional x-actor header on a handler that changes the registry. */
export function ApiActorHeader(): MethodDecorator & ClassDecorator {
  return ApiHeader({
    name: ACTOR_HEADER,
    required: false,
    example: 'alice',
    description:
      'Who makes the change, recorded in the history, when the request has no named client key ' +
      '(letters, digits, spaces, . _ @ + : -; ' +
      `other characters are dropped; at most ${ACTOR_MAX}). Default "${DEFAULT_ACTOR}"`,
  });
}
