import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequestValidationError } from '../../common/validation/request-validation.error.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_MAX = 255;

/** The Idempotency-Key header value; undefined when absent; 400 when empty or too long. */
export function readIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  const value = Array.isArray(raw) ? raw.join(', ') : raw;
  if (value === undefined) return undefined;
  if (value.length === 0 || value.length > IDEMPOTENCY_KEY_MAX) {
    throw new RequestValidationError([
      {
        field: 'Idempotency-Key',
        message: `Idempotency-Key must have 1 to ${IDEMPOTENCY_KEY_MAX} characters`,
      },
    ]);
  }
  return value;
}

/** Handler parameter: the request's Idempotency-Key (`@IdempotencyKey() key: string | undefined`). */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string | undefined =>
    readIdempotencyKey(
      ctx.switchToHttp().getRequest<FastifyRequest>().headers[IDEMPOTENCY_KEY_HEADER],
    ),
);

/** Documents the optional Idempotency-Key header on a job submission. */
export function ApiIdempotencyKeyHeader(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      example: 'nightly-2026-11-29',
      description:
        `1 to ${IDEMPOTENCY_KEY_MAX} characters. The same key answers the same job (deduplicated: ` +
        'true) while it is kept; reusing it with a different request is a 409 idempotency_conflict',
    }),
  );
}
