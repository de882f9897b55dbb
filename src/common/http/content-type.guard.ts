import {
  applyDecorators,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors/app-error.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { contentTypeMatches, mediaTypeOf } from './content-type.js';

export class UnsupportedContentTypeError extends AppError {
  constructor(got: string | undefined, accepted: readonly string[]) {
    const shown = got && got.length > 100 ? `${got.slice(0, 100)}...` : got;
    super(
      415,
      `Content type ${shown ? `'${shown}'` : '(none)'} is not supported here; send ${accepted.join(' or ')}`,
      { code: 'unsupported_media_type', details: { accepted: [...accepted] } },
    );
  }
}

/** Rejects a request whose Content-Type is not one of the accepted media types with a 415. */
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly accepted: readonly string[]) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<IncomingMessage>().headers['content-type'];
    if (!contentTypeMatches(header, this.accepted))
      throw new UnsupportedContentTypeError(mediaTypeOf(header), this.accepted);
    return true;
  }
}

/** `@RequireContentType('multipart/form-data')`: the guard, `@ApiConsumes` and the 415 response. */
export function RequireContentType(...accepted: string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(new ContentTypeGuard(accepted)),
    ApiConsumes(...accepted),
    ApiErrorResponses(415),
  );
}
