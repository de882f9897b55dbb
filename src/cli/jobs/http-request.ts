import { z } from 'zod';
import { CommandError } from '../cli.errors.js';

const fieldErrors = z.array(z.object({ field: z.string(), message: z.string() }));
const envelopeSchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

export interface HttpCall {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path and query, e.g. `/admin/jobs?limit=5`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Admin route: send the API key (and say how to give one on a 401). */
  admin?: boolean;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * How long one request may take, answer included. Without a limit a server that accepts the
 * connection and never answers (stopped, hung, or another service on the port) kept a command
 * waiting for fetch's own 300 s header timeout.
 */
export const HTTP_TIMEOUT_MS = 60_000;

/** Sends requests to one freshcast server; every failure becomes a one-line CommandError. */
export class FreshcastHttp {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly apiKey: string | undefined,
    private readonly timeoutMs = HTTP_TIMEOUT_MS,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** The answer of a 2xx response; an error envelope (or any other status) throws. */
  async call(req: HttpCall): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    // Every request carries the key when one is given: with client keys configured the server
    // wants one on every route, not only admin ones.
    if (this.apiKey !== undefined) headers['x-api-key'] = this.apiKey;
    let answer: HttpAnswer;
    try {
      const res = await fetch(`${this.baseUrl}${req.path}`, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      answer = {
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        text: await res.text(),
      };
    } catch (err) {
      throw new CommandError(
        property(err, 'name') === 'TimeoutError'
          ? `the freshcast server at ${this.baseUrl} did not answer ${req.method} ${req.path} within ${this.timeoutMs / 1000} s`
          : this.unreachable(err),
      );
    }
    if (answer.status >= 200 && answer.status < 300) return answer;
    throw new CommandError(this.failure(req, answer));
  }

  /** The JSON body of a 2xx response, checked against `schema`. */
  async json<T>(req: HttpCall, schema: z.ZodType<T>): Promise<T> {
    const answer = await this.call(req);
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      throw new CommandError(`${req.method} ${req.path}: the server did not answer JSON`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CommandError(
        `${req.method} ${req.path}: unexpected answer from the server ` +
          `(${issue.path.join('.') || 'body'}: ${issue.message})`,
      );
    }
    return parsed.data;
  }

  private unreachable(err: unknown): string {
    // Duck-typed: fetch's errors may come from another realm (jest's vm).
    const cause = property(err, 'cause');
    const code = property(cause, 'code');
    const causeMessage = property(cause, 'message');
    const why =
      typeof code === 'string'
        ? code
        : typeof causeMessage === 'string'
          ? causeMessage
          : errorText(err);
    return `cannot reach the freshcast server at ${this.baseUrl} (${why}): is it running? (--server / FRESHCAST_SERVER)`;
  }

  private failure(req: HttpCall, answer: HttpAnswer): string {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      body = undefined;
    }
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      return `${req.method} ${req.path}: the server answered HTTP ${answer.status}`;
    }
    const fields = fieldErrors.safeParse(envelope.data.details);
    let message = envelope.data.message;
    if (fields.success && fields.data.length > 0) {
      message += `: ${fields.data.map((f) => (f.field === '' ? f.message : `${f.field}: ${f.message}`)).join('; ')}`;
    }
    if (answer.status === 401 && this.apiKey === undefined) {
      message += ' (pass --api-key KEY or set FRESHCAST_API_KEY)';
    }
    return message;
  }
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

function errorText(err: unknown): string {
  const message = property(err, 'message');
  return typeof message === 'string' ? message : String(err);
}
