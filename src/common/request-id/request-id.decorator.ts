import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Handler parameter decorator: the id of the current request (`@RequestId() id: string`). */
export const RequestId = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string =>
    ctx.switchToHttp().getRequest<FastifyRequest>().id,
);
