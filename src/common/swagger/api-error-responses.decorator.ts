import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ErrorEnvelopeDto, FieldErrorDto } from './error-envelope.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request: malformed input or validation failure (details lists the fields)',
  401: 'No API key sent in x-api-key',
  403: 'Wrong API key, or admin routes disabled',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Payload larger than the configured limit',
  415: 'Unsupported content type',
  422: 'Understood but not processable',
  429: 'Too many requests',
  503: 'Temporarily unavailable',
};

/** Documents error responses (all with the error envelope body): `@ApiErrorResponses(400, 404, 413)`. */
export function ApiErrorResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorEnvelopeDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? 'Error',
        type: ErrorEnvelopeDto,
      }),
    ),
  );
}
