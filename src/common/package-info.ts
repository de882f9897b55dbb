import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'freshcast';

let cached: string | undefined;

function readVersion(file: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return pkg.name === PACKAGE_NAME && typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The version in freshcast's package.json, found by walking up from this file (works from `src/` and
 * from `dist/src/`); `0.0.0-unknown` if it cannot be found.
 */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  let dir = import.meta.dirname;
  for (;;) {
    const file = join(dir, 'package.json');
    const version = existsSync(file) ? readVersion(file) : undefined;
    if (version !== undefined) return (cached = version);
    const parent = dirname(dir);
    if (parent === dir) return (cached = '0.0.0-unknown');
    dir = parent;
  }
}
