import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER } from '../auth/admin.guard.js';
import { packageVersion } from '../package-info.js';
import { ErrorEnvelopeDto, FieldErrorDto } from './error-envelope.dto.js';

export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs-json';

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json; the error envelope is always in the schemas. */
export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('freshcast')
    .setDescription(
      'Demand and price forecasting for fresh produce. Every error answers with the envelope ' +
        '{error, message, details, timestamp, request_id}; x-request-id is echoed on every response.',
    )
    .setVersion(packageVersion())
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, API_KEY_HEADER)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorEnvelopeDto, FieldErrorDto],
  });
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: DOCS_JSON_PATH,
    customSiteTitle: 'freshcast API',
  });
}
