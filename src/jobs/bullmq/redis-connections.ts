import { Redis, type RedisOptions } from 'ioredis';
import { QueueUnavailableError } from '../job.errors.js';
import type { JobLogger } from '../job-logger.js';
import type { JobRuntimeSettings } from '../../config/jobs.config.js';

type ConnectionSettings = Pick<
  JobRuntimeSettings,
  'connectTimeoutMs' | 'commandTimeoutMs' | 'reconnectMaxDelayMs'
>;

/** The URL with its password replaced by `***` (safe to log). */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'redis://(unparsable URL)';
  }
}

/**
 * How long `disconnect()` waits for the socket's close event before giving up on it (ioredis' default
 * of 2 s keeps a closing process alive that long when Redis went away).
 */
const DISCONNECT_TIMEOUT_MS = 200;

function reconnectStrategy(settings: ConnectionSettings): (times: number) => number {
  return (times) => Math.min(times * 100, settings.reconnectMaxDelayMs);
}

/**
 * API side (submit, get, cancel): commands fail at once while Redis is unreachable, and past
 * `commandTimeoutMs` when it hangs, so job endpoints answer 503 instead of waiting. Reconnects by itself.
 */
export function createProducerClient(
  url: string,
  settings: ConnectionSettings,
  name: string,
): Redis {
  const opts: RedisOptions = {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: settings.connectTimeoutMs,
    commandTimeout: settings.commandTimeoutMs,
    retryStrategy: reconnectStrategy(settings),
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
  };
  return new Redis(url, opts);
}

/** Worker side: commands wait for a reconnect (BullMQ requires `maxRetriesPerRequest: null`). */
export function createWorkerClient(url: string, settings: ConnectionSettings, name: string): Redis {
  return new Redis(url, workerConnectionOptions(settings, name));
}

export function workerConnectionOptions(settings: ConnectionSettings, name: string): RedisOptions {
  return {
    connectionName: name,
    maxRetriesPerRequest: null,
    connectTimeout: settings.connectTimeoutMs,
    retryStrategy: reconnectStrategy(settings),
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
  };
}

/** Waits until the client is ready; else a QueueUnavailableError that says what to do. */
export function waitForRedis(client: Redis, url: string, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError = '';
    const cleanup = (): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
    };
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const onError = (err: Error): void => {
      lastError = err.message;
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new QueueUnavailableError(
          `cannot reach Redis at ${redactRedisUrl(url)} (REDIS_URL) within ${timeoutMs} ms` +
            `${lastError ? `: ${lastError}` : ''}. Start Redis, or unset REDIS_URL to run jobs ` +
            'in-process (not durable).',
        ),
      );
    }, timeoutMs);
    client.on('ready', onReady);
    client.on('error', onError);
  });
}

const CONNECTION_ERROR =
  /connection is closed|stream isn't writeable|enableOfflineQueue|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|command timed out|max retries per request|connection lost|socket closed/i;

export function isConnectionError(err: unknown): boolean {
  // Duck-typed: errors raised by Node's net module may come from another realm (jest sandboxes).
  if (typeof err !== 'object' || err === null) return false;
  const name: unknown = Reflect.get(err, 'name');
  const message: unknown = Reflect.get(err, 'message');
  return CONNECTION_ERROR.test(
    `${typeof name === 'string' ? name : ''} ${typeof message === 'string' ? message : ''}`,
  );
}

/** Closes a client: QUIT when connected, else drop the socket. */
export async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // fall through to a hard disconnect
    }
  }
  client.disconnect();
}

/**
 * Logs a lost connection once per outage (not once per retry) and its recovery, and tells the owner
 * when a connection is back (`onRestored`). `source` names the connection (api, worker, events).
 */
export class ConnectionWatch {
  private readonly down = new Set<string>();
  private readonly lastError = new Map<string, string>();

  constructor(private readonly logger: JobLogger) {}

  watch(source: string, client: Pick<Redis, 'on'>, onRestored?: () => void): void {
    client.on('error', (err: Error) => {
      this.lastError.set(source, err.message);
    });
    client.on('reconnecting', () => {
      if (this.down.has(source)) return;
      this.down.add(source);
      const cause = this.lastError.get(source);
      this.logger.warn(
        `Redis connection (${source}) lost${cause ? `: ${cause}` : ''}; reconnecting`,
      );
    });
    client.on('ready', () => {
      if (!this.down.delete(source)) return;
      this.lastError.delete(source);
      this.logger.log(`Redis connection (${source}) restored`);
      onRestored?.();
    });
  }
}
