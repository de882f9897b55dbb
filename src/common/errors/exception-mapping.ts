import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
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

/** Fields of the errors body-parser, http-errors and multer throw (all optional, read defensively). */
interface LibraryErrorFields {
  type?: unknown;
  code?: unknown;
  field?: unknown;
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  limit?: unknown;
  message?: unknown;
  name?: unknown;
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
  const s = typeof e.status === 'number' ? e.status : e.statusCode;
  return typeof s === 'number' && Number.isInteger(s) && s >= 400 && s <= 599 ? s : undefined;
}

/**
 * Specific codes and messages for the errors raised while reading a request body: body-parser
 * (`entity.too.large`, `entity.parse.failed`, ...) and multer (`LIMIT_FILE_SIZE`, ...). Returns
 * undefined for anything else.
 */
function bodyReadingError(e: LibraryErrorFields): Omit<MappedException, 'serverFault'> | undefined {
  switch (e.type) {
    case 'entity.too.large': {
      const limit = typeof e.limit === 'number' ? ` of ${e.limit} bytes` : '';
      return {
        status: 413,
        error: 'payload_too_large',
        message: `Request body is larger than the limit${limit}`,
        details: typeof e.limit === 'number' ? { limit_bytes: e.limit } : null,
      };
    }
    case 'entity.parse.failed':
      return {
        status: 400,
        error: 'malformed_json',
        message: 'Request body is not valid JSON',
        details: typeof e.message === 'string' ? { reason: e.message } : null,
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        status: 415,
        error: 'unsupported_media_type',
        message: typeof e.message === 'string' ? e.message : 'Unsupported body encoding',
        details: null,
      };
    case 'parameters.too.many':
      return {
        status: 413,
        error: 'payload_too_large',
        message: 'Too many parameters in request body',
        details: null,
      };
  }
  if (e.name === 'MulterError' || (typeof e.code === 'string' && e.code.startsWith('LIMIT_'))) {
    const field = typeof e.field === 'string' ? e.field : undefined;
    const details = field ? { field } : null;
    const inField = field ? ` (field '${field}')` : '';
    if (e.code === 'LIMIT_FILE_SIZE')
      return {
        status: 413,
        error: 'payload_too_large',
        message: `Uploaded file is larger than the upload limit${inField}`,
        details,
      };
    if (typeof e.code === 'string' && e.code.startsWith('LIMIT_'))
      return {
        status: 400,
        error: 'bad_upload',
        message: `${typeof e.message === 'string' ? e.message : 'Invalid upload'}${inField}`,
        details,
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

function fromHttpException(ex: HttpException): MappedException {
  const status = ex.getStatus();
  const cause = fieldsOf(ex.cause);
  const specific = cause ? bodyReadingError(cause) : undefined;
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
 * keep their status; body-parser, http-errors and multer errors get a 4xx with a specific code;
 * anything else is a server fault answered with a generic 500 (never its message).
 */
export function mapException(exception: unknown): MappedException {
  if (exception instanceof AppError) {
    return {
      status: exception.status,
      error: exception.code,
      message: exception.message,
      details: exception.details,
      serverFault: exception.status >= 500,
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  const e = fieldsOf(exception);
  if (!e) return INTERNAL;
  const specific = bodyReadingError(e);
  if (specific) return { ...specific, serverFault: false };
  const status = httpStatusOf(e);
  if (status !== undefined && status < 500) {
    const exposed = e.expose === true && typeof e.message === 'string';
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
