import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface.js';
import { REQUEST_ID_HEADER } from '../request-id/request-id.js';

/** CORS from `server.corsOrigins`: none when empty, any origin for `['*']`, else the listed origins. */
export function corsOptions(origins: readonly string[]): CorsOptions {
  const origin = origins.length === 0 ? false : origins.includes('*') ? '*' : [...origins];
  return { origin, exposedHeaders: [REQUEST_ID_HEADER] };
}
