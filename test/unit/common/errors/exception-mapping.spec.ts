import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AppError } from '../../../../src/common/errors/app-error.js';
import { mapException } from '../../../../src/common/errors/exception-mapping.js';

/** Shaped like the errors body-parser and http-errors throw. */
function httpError(fields: Record<string, unknown>, message = 'boom'): Error {
  return Object.assign(new Error(message), fields);
}

describe('mapException', () => {
  it('uses the status, code and details of an AppError', () => {
    const m = mapException(new AppError(409, 'Already promoted', { details: { stage: 'prod' } }));
    expect(m).toEqual({
      status: 409,
      error: 'conflict',
      message: 'Already promoted',
      details: { stage: 'prod' },
      serverFault: false,
    });
    expect(mapException(new AppError(503, 'Queue down', { code: 'queue_down' }))).toMatchObject({
      status: 503,
      error: 'queue_down',
      serverFault: true,
    });
  });

  it('maps body-parser errors, raw or wrapped by Nest as the cause', () => {
    const tooLarge = httpError({
      type: 'entity.too.large',
      status: 413,
      limit: 1024,
      expose: true,
    });
    expect(mapException(tooLarge)).toMatchObject({
      status: 413,
      error: 'payload_too_large',
      details: { limit_bytes: 1024 },
    });
    const wrapped = new HttpException('request entity too large', 413, { cause: tooLarge });
    expect(mapException(wrapped)).toMatchObject({ status: 413, error: 'payload_too_large' });

    const parse = httpError(
      { type: 'entity.parse.failed', status: 400, expose: true },
      'Unexpected token',
    );
    expect(mapException(parse)).toMatchObject({
      status: 400,
      error: 'malformed_json',
      details: { reason: 'Unexpected token' },
    });
    expect(
      mapException(httpError({ type: 'encoding.unsupported', status: 415, expose: true })),
    ).toMatchObject({ status: 415, error: 'unsupported_media_type' });
  });

  it('maps multer errors: file size to 413, other limits to 400', () => {
    const size = Object.assign(new Error('File too large'), {
      name: 'MulterError',
      code: 'LIMIT_FILE_SIZE',
      field: 'files',
    });
    expect(mapException(size)).toMatchObject({
      status: 413,
      error: 'payload_too_large',
      details: { field: 'files' },
    });
    expect(
      mapException(new PayloadTooLargeException('File too large', { cause: size })),
    ).toMatchObject({
      status: 413,
      error: 'payload_too_large',
    });
    const count = Object.assign(new Error('Too many files'), {
      name: 'MulterError',
      code: 'LIMIT_FILE_COUNT',
    });
    expect(mapException(count)).toMatchObject({ status: 400, error: 'bad_upload' });
  });

  it('turns an array of messages into field details', () => {
    const m = mapException(new BadRequestException(['a must be a string', 'b is required']));
    expect(m.status).toBe(400);
    expect(m.details).toEqual([
      { field: '', message: 'a must be a string' },
      { field: '', message: 'b is required' },
    ]);
  });

  it('hides the message of an http error not meant to be exposed', () => {
    const m = mapException(httpError({ status: 400, expose: false }, 'internal path /etc/x'));
    expect(m).toMatchObject({ status: 400, error: 'bad_request', message: 'Bad Request' });
  });

  it('answers anything else with a generic 500 marked as a server fault', () => {
    for (const thrown of [
      new Error('db password'),
      'a string',
      null,
      42,
      httpError({ status: 502 }),
    ]) {
      expect(mapException(thrown)).toEqual({
        status: 500,
        error: 'internal_error',
        message: 'Internal server error',
        details: null,
        serverFault: true,
      });
    }
    expect(mapException(new ServiceUnavailableException('draining')).serverFault).toBe(true);
  });
});
