import type { ApiResponseCommonMetadata } from '@nestjs/swagger';

type HeadersDoc = NonNullable<ApiResponseCommonMetadata['headers']>;

/** Swagger description of the Location header of a 202 (the job's status_url). */
export function locationHeaderDoc(example: string): HeadersDoc {
  return {
    Location: {
      description: 'The status_url of the job',
      schema: { type: 'string', example },
    },
  };
}
