import { z } from 'zod';

/** Secrets: never logged (see redactConfig). */
export const authConfigSchema = z.object({
  adminApiKey: z.string(),
});
export type AuthConfig = z.infer<typeof authConfigSchema>;
export const SECRET_KEYS = ['auth.adminApiKey'] as const;
