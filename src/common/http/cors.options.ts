import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REQUEST_ID_HEADER } from '../request-id/request-id.js';

/** The options `enableCors` takes on Fastify (`@fastify/cors`). */
export type AppCorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

/** CORS from `server.corsOrigins`: none when empty, any origin for `['*']`, else the listed origins. */
export function corsOptions(origins: readonly string[]): AppCorsOptions {
  const origin = origins.length === 0 ? false : origins.includes('*') ? '*' : [...origins];
  return { origin, exposedHeaders: [REQUEST_ID_HEADER] };
}
