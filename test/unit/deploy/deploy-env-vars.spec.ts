import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config.loader.js';
import { applyEnvOverrides } from '../../../src/config/env-overrides.js';

const root = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** `FRESHCAST_<SECTION>__<KEY>` names set in the ECS template and the compose file. */
function nestedVariables(): Set<string> {
  const names = new Set<string>();
  for (const text of [read('deploy/ecs/freshcast.yaml'), read('docker-compose.yml')])
    for (const m of text.matchAll(/\b(FRESHCAST_[A-Z0-9_]+__[A-Z0-9_]+)\b/g)) names.add(m[1]);
  return names;
}

/** Whether the dotted path exists in the validated config (a key zod would strip does not). */
function hasPath(tree: unknown, path: string[]): boolean {
  let node = tree;
  for (const part of path) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

function pathsOf(tree: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? pathsOf(v as Record<string, unknown>, [...prefix, k])
      : [[...prefix, k]],
  );
}

describe('configuration variables in the deploy files', () => {
  const defaults = loadConfig({ env: {}, dir: join(root, 'config') });

  it('the ECS template and compose file only set keys the configuration has', () => {
    const names = nestedVariables();
    expect(names.size).toBeGreaterThan(0);
    for (const name of names) {
      const tree: Record<string, unknown> = {};
      applyEnvOverrides(tree, { [name]: 'x' });
      for (const path of pathsOf(tree))
        expect([name, hasPath(defaults, path)]).toEqual([name, true]);
    }
  });

  it('the check fails on a key the configuration does not have', () => {
    const tree: Record<string, unknown> = {};
    applyEnvOverrides(tree, { FRESHCAST_METRICS__CLOUDWATCH__ENABLED: 'true' });
    expect(pathsOf(tree).map((p) => hasPath(defaults, p))).toEqual([false]);
  });

  it('the ECS tasks publish metrics through the API, as worker scaling needs', () => {
    expect(read('deploy/ecs/freshcast.yaml')).toMatch(
      /Name: FRESHCAST_METRICS__CLOUDWATCH__MODE, Value: api/,
    );
    const config = loadConfig({
      env: { FRESHCAST_METRICS__CLOUDWATCH__MODE: 'api' },
      dir: join(root, 'config'),
    });
    expect(config.metrics.cloudwatch.mode).toBe('api');
  });
});
