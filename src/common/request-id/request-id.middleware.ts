import type { IncomingMessage, ServerResponse } from 'node:http';
import { ensureRequestId } from './request-id.js';

/** Express-style middleware, installed first: every request gets an id, echoed in `x-request-id`. */
export function requestIdMiddleware(
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
): void {
  ensureRequestId(req, res);
  next();
}
