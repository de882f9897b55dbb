import {
  applyDecorators,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { contentTypeMatches, mediaTypeOf } from './content-type.js';
import { UnsupportedContentTypeError } from './unsupported-content-type.error.js';

/** The Fastify route config key that holds a route's accepted media types (read by the error filter). */
export const ACCEPTED_CONTENT_TYPES = 'acceptedContentTypes';

/** Rejects a request whose Content-Type is not one of the accepted media types with a 415. */
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly accepted: readonly string[]) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers['content-type'];
    if (!contentTypeMatches(header, this.accepted))
      throw new UnsupportedContentTypeError(mediaTypeOf(header), this.accepted);
    return true;
  }
}

/**
 * `@RequireContentType('multipart/form-data')`: the guard, `@ApiConsumes` and the 415 response. The
 * route config carries the list too, so a body Fastify has no parser for (refused before the guard
 * runs) gets the same 415.
 */
export function RequireContentType(...accepted: string[]): MethodDecorator {
  return applyDecorators(
    RouteConfig({ [ACCEPTED_CONTENT_TYPES]: accepted }),
    UseGuards(new ContentTypeGuard(accepted)),
    ApiConsumes(...accepted),
    ApiErrorResponses(415),
  );
}
