import { ApiProperty } from '@nestjs/swagger';
import type { ErrorDetails } from '../errors/error-envelope.js';
import { MAX_HORIZON_DAYS } from '../forecast-horizon.js';

/** One field-level validation problem (Swagger schema). */
export class FieldErrorDto {
  @ApiProperty({ example: 'horizon', description: 'Dotted path of the field in the request' })
  field!: string;

  @ApiProperty({ example: `horizon must not be greater than ${MAX_HORIZON_DAYS}` })
  message!: string;
}

/** Swagger schema of the error envelope every error response carries. */
export class ErrorEnvelopeDto {
  @ApiProperty({ example: 'not_found', description: 'Stable machine-readable error code' })
  error!: string;

  @ApiProperty({ example: 'Cannot GET /nowhere', description: 'Human-readable explanation' })
  message!: string;

  @ApiProperty({
    nullable: true,
    description:
      'Field-level errors ([{field, message}]) for validation failures, an object with specifics for other errors, or null',
    oneOf: [
      { type: 'array', items: { $ref: '#/components/schemas/FieldErrorDto' } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details!: ErrorDetails;

  @ApiProperty({ example: '2024-05-01T12:00:00.000Z', format: 'date-time' })
  timestamp!: string;

  @ApiProperty({
    example: '3f1c2a4e-9d7b-4c1e-8a55-0e2b7f9d1c3a',
    description: 'Request id, also in the x-request-id response header',
  })
  request_id!: string;
}
