import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../config/app-config.schema.js';
import { ConfigError, loadConfig } from '../../config/config.loader.js';
import type { ModelRegistryService } from '../../registry/model-registry.service.js';
import { buildStandaloneRegistry } from '../../registry/registry.builder.js';
import { describeCause as describe, StorageError } from '../../storage/storage.errors.js';
import { CommandError } from '../cli.errors.js';

/** Where the `models` commands read their configuration. */
export interface ModelCommandEnv {
  /** Environment variables (FRESHCAST_*, REDIS_URL, AWS_*, USER); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Folder with default.yaml and <env>.yaml; default `<cwd>/config`. */
  configDir?: string;
}

const SANE_USER = /^[A-Za-z0-9._@+-]{1,48}$/;

/** Who the history records for a CLI change: `cli:<user>` ($USER or $LOGNAME), else `cli`. */
export function cliActor(env: NodeJS.ProcessEnv): string {
  const user = env.USER ?? env.LOGNAME;
  return user !== undefined && SANE_USER.test(user) ? `cli:${user}` : 'cli';
}

function loadCliConfig(source: ModelCommandEnv): AppConfig {
  try {
    return loadConfig({ env: source.env ?? process.env, dir: source.configDir });
  } catch (err) {
    if (err instanceof ConfigError) throw new CommandError(err.message);
    throw err;
  }
}

/**
 * Runs `fn` with a registry over the configured artifact store (with the Redis lock when
 * `queue.redisUrl` is set) and closes it afterwards. Registry, storage and config errors become
 * CommandError (their message, exit code 1).
 */
export async function withRegistry<T>(
  source: ModelCommandEnv,
  fn: (registry: ModelRegistryService, actor: string) => Promise<T>,
): Promise<T> {
  const config = loadCliConfig(source);
  const built = buildStandaloneRegistry(config);
  try {
    await built.ready().catch((err: unknown) => {
      throw new CommandError(`cannot reach Redis (queue.redisUrl / REDIS_URL): ${describe(err)}`);
    });
    return await fn(built.registry, cliActor(source.env ?? process.env));
  } catch (err) {
    if (err instanceof AppError || err instanceof StorageError) throw new CommandError(err.message);
    throw err;
  } finally {
    await built.close();
  }
}

/** Prints `value` as indented JSON on stdout (the only thing --json writes there). */
export function printJson(io: { out(text: string): void }, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
