import { z } from 'zod';
import { booleanFlag } from './boolean-flag.js';

export const startupConfigSchema = z.object({
  /** Run the first-start job (data → panel → prod model) when the API starts. */
  enabled: booleanFlag,
});
export type StartupConfig = z.infer<typeof startupConfigSchema>;
