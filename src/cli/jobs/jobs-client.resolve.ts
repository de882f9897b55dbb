import type { AppConfig } from '../../config/app-config.schema.js';
import { ConfigError, loadConfig } from '../../config/config.loader.js';
import { CommandError, UsageError } from '../cli.errors.js';
import type { CliIo } from '../cli-io.js';
import type { OptionValues } from '../command.types.js';
import { optString } from '../option-readers.js';
import { HttpJobsClient } from './http-jobs.client.js';
import type { JobsClient } from './jobs-client.js';
import { QueueJobsClient } from './queue-jobs.client.js';

/** Where the `jobs` commands read their environment (tests pass their own). */
export interface JobsCommandEnv {
  /** FRESHCAST_SERVER, FRESHCAST_API_KEY, REDIS_URL, FRESHCAST_*; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Folder with default.yaml and <env>.yaml; default `<cwd>/config`. */
  configDir?: string;
}

/** Options every `jobs` command takes to choose its transport. */
export const TRANSPORT_OPTIONS = {
  server: { type: 'string' },
  'api-key': { type: 'string' },
  redis: { type: 'string' },
} as const;

export const TRANSPORT_USAGE = '[--server URL [--api-key KEY] | --redis URL]';

export const NO_TRANSPORT_MESSAGE =
  'no server or Redis: pass --server URL (a running freshcast) or set REDIS_URL';

export type JobsTransport =
  | { kind: 'http'; baseUrl: string; apiKey: string | undefined }
  | { kind: 'redis'; config: AppConfig };

function serverUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--server must be an http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--server must be an http(s) URL (got "${raw}")`);
  }
  return raw;
}

function loadJobsConfig(source: JobsCommandEnv, redisUrl: string | undefined): AppConfig {
  try {
    return loadConfig({
      env: source.env ?? process.env,
      dir: source.configDir,
      overrides: redisUrl === undefined ? undefined : { queue: { redisUrl } },
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new CommandError(err.message);
    throw err;
  }
}

const nonEmpty = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

/**
 * Flags first, then the environment: `--server URL`, `--redis URL`, FRESHCAST_SERVER, then
 * `queue.redisUrl` (REDIS_URL). Neither → CommandError.
 */
export function resolveJobsTransport(values: OptionValues, source: JobsCommandEnv): JobsTransport {
  const env = source.env ?? process.env;
  const serverFlag = optString(values, 'server');
  const redisFlag = optString(values, 'redis');
  if (serverFlag !== undefined && redisFlag !== undefined) {
    throw new UsageError('give --server URL or --redis URL, not both');
  }
  const apiKey = optString(values, 'api-key') ?? nonEmpty(env.FRESHCAST_API_KEY);
  const server =
    serverFlag ?? (redisFlag === undefined ? nonEmpty(env.FRESHCAST_SERVER) : undefined);
  if (server !== undefined) return { kind: 'http', baseUrl: serverUrl(server), apiKey };
  if (values['api-key'] !== undefined) {
    throw new UsageError('--api-key goes with --server URL (Redis mode needs no key)');
  }
  const config = loadJobsConfig(source, redisFlag);
  if (config.queue.redisUrl === '') throw new CommandError(NO_TRANSPORT_MESSAGE);
  return { kind: 'redis', config };
}

/** Runs `fn` with the client of the chosen transport and closes it afterwards. */
export async function withJobsClient<T>(
  values: OptionValues,
  source: JobsCommandEnv,
  io: CliIo,
  fn: (client: JobsClient) => Promise<T>,
): Promise<T> {
  const transport = resolveJobsTransport(values, source);
  const client =
    transport.kind === 'http'
      ? new HttpJobsClient(transport.baseUrl, transport.apiKey)
      : await QueueJobsClient.connect(transport.config, io);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}
