/** Named environment variables and the config key each one sets. */
export const ENV_SHORTCUTS: Record<string, string> = {
  PORT: 'server.port',
  REDIS_URL: 'queue.redisUrl',
  FRESHCAST_WORKER_PORT: 'jobs.workerPort',
  FRESHCAST_TF_BACKEND: 'forecasting.backend',
  FRESHCAST_DATA_DIR: 'data.dir',
  FRESHCAST_STORAGE: 'storage.driver',
  FRESHCAST_S3_BUCKET: 'storage.s3.bucket',
  FRESHCAST_S3_PREFIX: 'storage.s3.prefix',
  FRESHCAST_S3_ENDPOINT: 'storage.s3.endpoint',
  FRESHCAST_ADMIN_API_KEY: 'auth.adminApiKey',
  FRESHCAST_SAGEMAKER: 'sagemaker.enabled',
  AWS_REGION: 'storage.s3.region',
  AWS_ENDPOINT_URL_S3: 'storage.s3.endpoint',
};

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Tree;
  }
  node[path[path.length - 1]] = value;
}

function parseValue(raw: string): unknown {
  const t = raw.trim();
  if (t.startsWith('[')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

/** Applies `FRESHCAST_<SECTION>__<KEY>` (nested with `__`, case-insensitive keys) and the shortcuts. */
export function applyEnvOverrides(tree: Tree, env: NodeJS.ProcessEnv): string[] {
  const applied: string[] = [];
  for (const [name, raw] of Object.entries(env)) {
    if (raw === undefined) continue;
    if (name in ENV_SHORTCUTS) {
      setPath(tree, ENV_SHORTCUTS[name].split('.'), parseValue(raw));
      applied.push(name);
      continue;
    }
    const m = /^FRESHCAST_([A-Z0-9_]+__[A-Z0-9_]+)$/.exec(name);
    if (!m) continue;
    const path = m[1].split('__').map(camelKey);
    setPath(tree, path, parseValue(raw));
    applied.push(name);
  }
  return applied;
}

/** Maps an upper-case env segment (SERVER, BODY_LIMIT) to the camelCase key used in YAML. */
function camelKey(segment: string): string {
  const lower = segment.toLowerCase();
  return lower.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
