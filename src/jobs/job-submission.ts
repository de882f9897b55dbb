import { z } from 'zod';
import type { JobCatalog, JobNameOf } from './job-catalog.types.js';
import { InvalidJobPayloadError, UnknownJobNameError } from './job.errors.js';

/** What both adapters store as a job's data: the validated payload and who submitted it. */
export const jobEnvelopeSchema = z.object({
  payload: z.unknown(),
  /** Unique per `add` call; tells whether an idempotent add created the job or found it. */
  submissionId: z.string(),
  /** Name of the client key it was submitted with (absent in jobs queued before it was recorded). */
  submittedBy: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  /** `idempotencyScopeOf` the submission (absent in older jobs). */
  client: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
});
export type JobEnvelope = z.output<typeof jobEnvelopeSchema>;

export function catalogNames<C extends JobCatalog>(catalog: C): JobNameOf<C>[] {
  return Object.keys(catalog).filter((k): k is JobNameOf<C> => Object.hasOwn(catalog, k));
}

export function assertJobName<C extends JobCatalog>(catalog: C, name: string): JobNameOf<C> {
  const names = catalogNames(catalog);
  const found = names.find((n) => n === name);
  if (found === undefined) throw new UnknownJobNameError(name, names);
  return found;
}

/** Validates a payload against the job's schema: the parsed payload, or InvalidJobPayloadError. */
export function parseJobPayload<C extends JobCatalog>(
  catalog: C,
  name: JobNameOf<C>,
  payload: unknown,
): unknown {
  const result = catalog[name].payload.safeParse(payload);
  if (!result.success) {
    throw new InvalidJobPayloadError(
      name,
      result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return result.data;
}

/** JSON with object keys sorted: equal values give equal strings. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** Checks an idempotency key (1–255 characters); returns it, or undefined when none was given. */
export function checkIdempotencyKey(name: string, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 255) {
    throw new InvalidJobPayloadError(name, [
      { field: 'idempotencyKey', message: 'an idempotency key has 1 to 255 characters' },
    ]);
  }
  return key;
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;

export function listLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIST_LIMIT;
  return Math.min(MAX_LIST_LIMIT, Math.max(1, Math.floor(limit)));
}
