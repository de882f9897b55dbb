import { z } from 'zod';

export const CLIENT_ROLES = ['client', 'admin'] as const;
export type ClientRole = (typeof CLIENT_ROLES)[number];

/**
 * One client API key: its name (in logs, job records and the registry history), the SHA-256 of the
 * key (hex; `freshcast keys hash` prints it: the key itself is never in the config), its role and,
 * optionally, its own rate budget per `rateLimit.ttlSec` window (default `rateLimit.limit`).
 */
export const clientApiKeySchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._@:-]{1,64}$/, '1 to 64 letters, digits or . _ @ : -'),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the key as 64 hex digits (freshcast keys hash)')
    .transform((h) => h.toLowerCase()),
  role: z.enum(CLIENT_ROLES).default('client'),
  rateLimit: z.coerce.number().int().min(1).optional(),
});
export type ClientApiKey = z.output<typeof clientApiKeySchema>;

/** Secrets: never logged (see redactConfig). */
export const authConfigSchema = z.object({
  adminApiKey: z.string(),
  /** When not empty, every route but health, metrics and the docs needs one of these keys. */
  clientApiKeys: z
    .array(clientApiKeySchema)
    .default([])
    .refine(
      (keys) => new Set(keys.map((k) => k.name)).size === keys.length,
      'each client key needs its own name',
    )
    .refine(
      (keys) => new Set(keys.map((k) => k.sha256)).size === keys.length,
      'two client keys have the same hash',
    ),
});
export type AuthConfig = z.output<typeof authConfigSchema>;
export const SECRET_KEYS = ['auth.adminApiKey'] as const;
