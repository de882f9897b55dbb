import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ensureRequestId } from './request-id.js';

/** Handler parameter decorator: the id of the current request (`@RequestId() id: string`). */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const http = ctx.switchToHttp();
  return ensureRequestId(http.getRequest<IncomingMessage>(), http.getResponse<ServerResponse>());
});
