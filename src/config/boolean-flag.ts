import { z } from 'zod';

/** A boolean from YAML (true/false) or from an environment string ('true'/'false'/'1'/'0'). */
export const booleanFlag = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
]);
