import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { JSON_MEDIA_TYPE, mediaTypeOf } from '../http/content-type.js';
import { UnsupportedContentTypeError } from '../http/unsupported-content-type.error.js';
import { AppError } from './app-error.js';
import { errorCodeForStatus } from './error-codes.js';
import type { ErrorDetails, FieldError } from './error-envelope.js';

/** What the filter answers for an exception, before the timestamp and request id are added. */
export interface MappedException {
  status: number;
  error: string;
  message: string;
  details: ErrorDetails;
  /** True for server faults (5xx): the filter logs these once, with the request id. */
  serverFault: boolean;
}

/** Fields of the errors Fastify and http-errors throw (all optional, read defensively). */
interface LibraryErrorFields {
  code?: unknown;
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  message?: unknown;
}

/** What the filter knows of the request an error belongs to, for specific messages. */
export interface RequestFacts {
  /** The body limit of the route, in bytes. */
  bodyLimitBytes?: number;
  /** The request's Content-Type header. */
  contentType?: string;
  /** The media types the route accepts (`@RequireContentType`), else JSON. */
  acceptedContentTypes?: readonly string[];
}

const INTERNAL: MappedException = {
  status: 500,
  error: 'internal_error',
  message: 'Internal server error',
  details: null,
  serverFault: true,
};

function fieldsOf(value: unknown): LibraryErrorFields | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}

function httpStatusOf(e: LibraryErrorFields): number | undefined {
  const s = typeof e.statusCode === 'number' ? e.statusCode : e.status;
  return typeof s === 'number' && Number.isInteger(s) && s >= 400 && s <= 599 ? s : undefined;
}

/**
 * Specific codes and messages for the errors Fastify raises while reading a request body (too large,
 * unsupported media type, a Content-Length that does not match). Undefined for anything else.
 */
function bodyReadingError(
  e: LibraryErrorFields,
  facts: RequestFacts,
): Omit<MappedException, 'serverFault'> | undefined {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = facts.bodyLimitBytes;
      return {
        status: 413,
        error: 'payload_too_large',
        message: `Request body is larger than the limit${limit === undefined ? '' : ` of ${limit} bytes`}`,
        details: limit === undefined ? null : { limit_bytes: limit },
      };
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const error = new UnsupportedContentTypeError(
        mediaTypeOf(facts.contentType),
        facts.acceptedContentTypes ?? [JSON_MEDIA_TYPE],
      );
      return { status: 415, error: error.code, message: error.message, details: error.details };
    }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_CONTENT_TYPE':
      return {
        status: 400,
        error: 'bad_request',
        message: typeof e.message === 'string' ? e.message : 'Malformed request body',
        details: null,
      };
  }
  return undefined;
}

function messageAndDetails(
  response: string | object,
  fallback: string,
): { message: string; details: ErrorDetails } {
  if (typeof response === 'string') return { message: response, details: null };
  const body = response as { message?: unknown; details?: unknown };
  if (Array.isArray(body.message)) {
    const fields: FieldError[] = body.message.map((m) => ({ field: '', message: String(m) }));
    return { message: fields.map((f) => f.message).join('; ') || fallback, details: fields };
  }
  const message = typeof body.message === 'string' ? body.message : fallback;
  const details =
    typeof body.details === 'object' && body.details !== null
      ? (body.details as ErrorDetails)
      : null;
  return { message, details };
}

function fromHttpException(ex: HttpException, facts: RequestFacts): MappedException {
  const status = ex.getStatus();
  // Nest wraps Fastify's own 4xx errors in an HttpException, with the original as the cause.
  const cause = fieldsOf(ex.cause);
  const specific = cause ? bodyReadingError(cause, facts) : undefined;
  if (specific) return { ...specific, serverFault: false };
  const fallback = STATUS_CODES[status] ?? 'Error';
  const { message, details } = messageAndDetails(ex.getResponse(), fallback);
  return {
    status,
    error: errorCodeForStatus(status),
    message,
    details,
    serverFault: status >= 500,
  };
}

/**
 * Maps anything thrown while handling a request to the envelope fields: AppError and HttpException
 * keep their status; Fastify's body errors get a 4xx with a specific code, other errors with a 4xx
 * status keep it (their message only when exposable); anything else is a server fault answered with a
 * generic 500 (never its message).
 */
export function mapException(exception: unknown, facts: RequestFacts = {}): MappedException {
  if (exception instanceof AppError) {
    return {
      status: exception.status,
      error: exception.code,
      message: exception.message,
      details: exception.details,
      serverFault: exception.status >= 500,
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception, facts);
  const e = fieldsOf(exception);
  if (!e) return INTERNAL;
  const specific = bodyReadingError(e, facts);
  if (specific) return { ...specific, serverFault: false };
  const status = httpStatusOf(e);
  if (status !== undefined && status < 500) {
    // http-errors marks a client-safe message with `expose`; Fastify's own errors (FST_*) are safe.
    const exposed =
      typeof e.message === 'string' &&
      (e.expose === true || (typeof e.code === 'string' && e.code.startsWith('FST_')));
    return {
      status,
      error: errorCodeForStatus(status),
      message: exposed ? String(e.message) : (STATUS_CODES[status] ?? 'Bad request'),
      details: null,
      serverFault: false,
    };
  }
  return INTERNAL;
}
