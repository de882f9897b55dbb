/** Calls to the freshcast API from the console: JSON in and out, the error envelope as an Error. */

const ADMIN_KEY = 'freshcast.adminKey';

/** The admin key the user entered; kept in sessionStorage only (gone when the tab closes). */
export function adminKey(): string {
  return sessionStorage.getItem(ADMIN_KEY) ?? '';
}

/** Stores (or with '' forgets) the admin key and tells the views (event `freshcast:admin-key`). */
export function setAdminKey(key: string): void {
  if (key === '') sessionStorage.removeItem(ADMIN_KEY);
  else sessionStorage.setItem(ADMIN_KEY, key);
  dispatchEvent(new Event(ADMIN_KEY_EVENT));
}

export const ADMIN_KEY_EVENT = 'freshcast:admin-key';

/** An answer with a 4xx/5xx status, with the envelope's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown before sending an admin call when no admin key was entered. */
export class AdminKeyMissingError extends Error {
  constructor() {
    super('This needs the admin key: enter it under "Admin key" first.');
  }
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  admin?: boolean;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.admin) {
    const key = adminKey();
    if (key === '') throw new AdminKeyMissingError();
    headers['x-api-key'] = key;
  }
  const res = await fetch(path, {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  const text = await res.text();
  const data: unknown = text === '' ? null : JSON.parse(text);
  if (!res.ok) {
    const env = (data ?? {}) as { error?: string; message?: string };
    throw new ApiError(res.status, env.error ?? 'error', env.message ?? res.statusText);
  }
  return data as T;
}

/** A query string from the defined values. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return `${err.message} (${err.status} ${err.code})`;
  return err instanceof Error ? err.message : String(err);
}
