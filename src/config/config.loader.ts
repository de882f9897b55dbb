import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { appConfigSchema, type AppConfig } from './app-config.schema.js';
import { SECRET_KEYS } from './auth.config.js';
import { sanitizeForLog } from '../common/logging/redact.js';
import { applyEnvOverrides } from './env-overrides.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Folder holding default.yaml and <env>.yaml; default `<cwd>/config`. */
  dir?: string;
  env?: NodeJS.ProcessEnv;
  /** Extra values applied last (tests, CLI flags), as a partial tree. */
  overrides?: Record<string, unknown>;
}

function readYaml(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ConfigError(`${file}: expected a YAML mapping at the top level`);
  }
  return doc as Record<string, unknown>;
}

function isTree(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isTree(v) && isTree(out[k]) ? deepMerge(out[k], v) : v;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.join('.');
  return `  - ${key || '(root)'}: ${issue.message}`;
}

/**
 * Loads config/default.yaml, then config/<FRESHCAST_ENV|NODE_ENV>.yaml, then environment variables,
 * then `overrides`; validates the result once. An invalid value throws a ConfigError naming the key
 * and the expected form.
 */
export function loadConfig(opts: LoadConfigOptions = {}): AppConfig {
  const env = opts.env ?? process.env;
  const dir = opts.dir ?? join(process.cwd(), 'config');
  let tree = readYaml(join(dir, 'default.yaml'));
  const envName = env.FRESHCAST_ENV ?? env.NODE_ENV;
  if (envName && /^[a-z0-9-]+$/i.test(envName))
    tree = deepMerge(tree, readYaml(join(dir, `${envName}.yaml`)));
  applyEnvOverrides(tree, env);
  if (opts.overrides) tree = deepMerge(tree, opts.overrides);
  const result = appConfigSchema.safeParse(tree);
  const defaults = join(dir, 'default.yaml');
  if (!result.success && !existsSync(defaults)) {
    // Not a bad value: the defaults were not found (a command run outside the project folder).
    const where = opts.dir === undefined ? ' (read from config/ in the current folder)' : '';
    throw new ConfigError(
      `no configuration: ${defaults} does not exist${where}; run freshcast from the folder that holds config/default.yaml`,
    );
  }
  if (!result.success) {
    throw new ConfigError(
      `invalid configuration:\n${result.error.issues.map(describeIssue).join('\n')}\n` +
        `(set in config/*.yaml or with FRESHCAST_<SECTION>__<KEY> environment variables)`,
    );
  }
  return result.data;
}

/**
 * A copy safe to log: secrets replaced by '***' when set (the admin key, any secret-named field,
 * client key hashes), and passwords in URLs (`queue.redisUrl`) masked.
 */
export function redactConfig(config: AppConfig): Record<string, unknown> {
  const copy = sanitizeForLog(JSON.parse(JSON.stringify(config))) as Record<string, unknown>;
  for (const key of SECRET_KEYS) {
    const path = key.split('.');
    let node: unknown = copy;
    for (const p of path.slice(0, -1)) node = isTree(node) ? node[p] : undefined;
    const last = path[path.length - 1];
    if (isTree(node) && typeof node[last] === 'string' && node[last] !== '') node[last] = '***';
  }
  return copy;
}
