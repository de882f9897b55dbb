import { BadRequestException, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { AppError } from '../../../../src/common/errors/app-error.js';
import { mapException } from '../../../../src/common/errors/exception-mapping.js';

/** Shaped like the errors Fastify and http-errors throw. */
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

  it("maps Fastify's body errors, raw or wrapped by Nest as the cause", () => {
    const tooLarge = httpError(
      { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 },
      'Request body is too large',
    );
    expect(mapException(tooLarge, { bodyLimitBytes: 1024 })).toMatchObject({
      status: 413,
      error: 'payload_too_large',
      message: 'Request body is larger than the limit of 1024 bytes',
      details: { limit_bytes: 1024 },
    });
    const wrapped = new HttpException('Request body is too large', 413, { cause: tooLarge });
    expect(mapException(wrapped, { bodyLimitBytes: 2048 })).toMatchObject({
      status: 413,
      error: 'payload_too_large',
      details: { limit_bytes: 2048 },
    });
    expect(mapException(tooLarge)).toMatchObject({ status: 413, details: null });

    const mediaType = httpError({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
    expect(mapException(mediaType, { contentType: 'text/csv; charset=utf-8' })).toEqual({
      status: 415,
      error: 'unsupported_media_type',
      message: "Content type 'text/csv' is not supported here; send application/json",
      details: { accepted: ['application/json'] },
      serverFault: false,
    });
    expect(
      mapException(new HttpException('Unsupported Media Type', 415, { cause: mediaType }), {
        contentType: 'text/csv',
        acceptedContentTypes: ['multipart/form-data'],
      }),
    ).toMatchObject({ status: 415, details: { accepted: ['multipart/form-data'] } });

    const length = httpError(
      { code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', statusCode: 400 },
      'Request body size did not match Content-Length',
    );
    expect(mapException(length)).toMatchObject({
      status: 400,
      error: 'bad_request',
      message: 'Request body size did not match Content-Length',
    });
  });

  it("shows the message of Fastify's own 4xx errors", () => {
    const badUrl = httpError(
      { code: 'FST_ERR_BAD_URL', statusCode: 400 },
      "'/x%A' is not a valid url component",
    );
    expect(mapException(badUrl)).toMatchObject({
      status: 400,
      error: 'bad_request',
      message: "'/x%A' is not a valid url component",
    });
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
