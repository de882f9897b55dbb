import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { errorCodeForStatus } from '../errors/error-codes.js';
import type { ErrorEnvelope } from '../errors/error-envelope.js';
import { REQUEST_ID_HEADER } from '../request-id/request-id.js';
import { securityHeaders } from './security-headers.js';

/** The status for an error of Node's HTTP parser (it never reached Fastify's routing). */
function statusOf(code: unknown): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return 413;
  return 400;
}

const MESSAGES: Record<number, string> = {
  431: 'Request headers are too large',
  408: 'The request took too long to arrive',
  413: 'Request chunk extensions are too large',
  400: 'Malformed HTTP request',
};

/**
 * Fastify `clientErrorHandler`: a request Node's HTTP parser refuses (headers too large, a malformed
 * request line, a bad chunk) gets the error envelope, a request id and the security headers like any
 * other error, then the connection closes. A connection already gone is left alone.
 */
export function createClientErrorHandler(): (
  err: Error & { code?: unknown },
  socket: Socket,
) => void {
  const security = securityHeaders();
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = statusOf(err.code);
    const requestId = randomUUID();
    const envelope: ErrorEnvelope = {
      error: errorCodeForStatus(status),
      message: MESSAGES[status],
      details: typeof err.code === 'string' ? { reason: err.code } : null,
      timestamp: new Date().toISOString(),
      request_id: requestId,
    };
    const body = JSON.stringify(envelope);
    const headers: Record<string, string> = {
      ...security,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      [REQUEST_ID_HEADER]: requestId,
      connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
  };
}
