import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ensureRequestId } from '../request-id/request-id.js';
import type { ErrorEnvelope } from './error-envelope.js';
import { mapException } from './exception-mapping.js';

/**
 * Global filter: every error leaves as the envelope `{error, message, details, timestamp, request_id}`
 * with the `x-request-id` header. Server faults are logged once with the request id and stack.
 */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorEnvelopeFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<IncomingMessage>();
    const res = http.getResponse<ServerResponse>();
    const requestId = ensureRequestId(req, res);
    const mapped = mapException(exception);
    if (mapped.serverFault) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`[${requestId}] ${req.method ?? ''} ${req.url ?? ''} failed`, stack);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const body: ErrorEnvelope = {
      error: mapped.error,
      message: mapped.message,
      details: mapped.details,
      timestamp: new Date().toISOString(),
      request_id: requestId,
    };
    const json = JSON.stringify(body);
    res.statusCode = mapped.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(json));
    res.end(json);
  }
}
