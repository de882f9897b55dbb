/**
 * Secrets kept out of the logs. Two layers: `sanitizeForLog` for structures (a config dump, an object
 * logged with headers or credential fields), and `SecretScrubber` on every finished line: the
 * configured secret values themselves and passwords in URLs (`redis://:pw@host`) are replaced by
 * `***` wherever a message or an error put them. (pino's own `redact` paths are not used: with
 * wildcards they cost ≈ 13 µs per line, five times the rest of the line.)
 */

/** Replacement written instead of a secret. */
export const REDACTED = '***';

/** Field names (any case, `_`/`-` ignored) whose values are secrets wherever they appear. */
const SECRET_FIELD =
  /secret|credential|(pass|password|passwd|token|apikey|authorization|cookie|sha256|privatekey)$/i;

/** `scheme://user:password@` → `scheme://user:***@` (Redis, database and proxy URLs). */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]+@/gi;

/** A URL's password replaced by `***`. */
export function redactUrlPassword(text: string): string {
  return text.includes('@') ? text.replace(URL_PASSWORD, `$1:${REDACTED}@`) : text;
}

/** Whether a field name holds a secret (`adminApiKey`, `redisPassword`, `x-api-key`, ...). */
export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name.replace(/[-_]/g, ''));
}

/**
 * A copy of `value` safe to log: secret fields' values (non-empty strings) become `***`, and URL
 * passwords in every other string are masked.
 */
export function sanitizeForLog(value: unknown): unknown {
  if (typeof value === 'string') return redactUrlPassword(value);
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map(sanitizeForLog);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      isSecretField(key) && typeof v === 'string' && v !== '' ? REDACTED : sanitizeForLog(v);
  }
  return out;
}

/**
 * Whether logged fields need `sanitizeForLog`: a secret-named field or a nested structure (headers,
 * a request). Flat fields of plain values (an access line) do not, and are written as they are.
 */
export function needsSanitizing(fields: Record<string, unknown>): boolean {
  for (const key in fields) {
    const value = fields[key];
    if ((typeof value === 'object' && value !== null) || isSecretField(key)) return true;
  }
  return false;
}

/** Environment variables whose values are secrets (their values are scrubbed from every line). */
const SECRET_ENV = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'FRESHCAST_ADMIN_API_KEY'];

/** The secret values of a process: the admin key, AWS credentials and Redis passwords it was given. */
export function secretValuesOf(
  config: { auth?: { adminApiKey?: string }; queue?: { redisUrl?: string } },
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const values = SECRET_ENV.map((name) => env[name] ?? '');
  values.push(config.auth?.adminApiKey ?? '');
  values.push(urlPassword(config.queue?.redisUrl ?? ''), urlPassword(env.REDIS_URL ?? ''));
  // Very short values would mask ordinary words; a real key is long.
  return [...new Set(values.filter((v) => v.length >= 6))];
}

function urlPassword(url: string): string {
  try {
    return url === '' ? '' : decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

/** Replaces known secret values and URL passwords in finished log lines. */
export class SecretScrubber {
  constructor(private readonly secrets: readonly string[]) {}

  scrub(line: string): string {
    let out = redactUrlPassword(line);
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }
}
