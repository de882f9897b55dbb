import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errnoCode } from './errors/error-message.js';

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * `mkdir -p` that fails instead of spinning: Node's `mkdir(dir, { recursive: true })` (sync, async and
 * callback alike; Node 24) never returns when a parent exists but creating the child in it answers
 * ENOENT, as procfs does (`/proc/x/y`): it reads each ENOENT as "the parent is missing", makes the
 * parent (EEXIST) and tries the child again, forever at full CPU. Here the missing folders are found
 * first and created one by one from the top, each once, so that case is the ENOENT of its `mkdir`.
 */
export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let path = resolve(dir); ; path = dirname(path)) {
    try {
      // A file where a folder goes: mkdir's own EEXIST, as the recursive mkdir throws.
      if (!(await stat(path)).isDirectory()) await mkdir(path);
      break;
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err; // ENOTDIR (a file above), EACCES...
    }
    missing.push(path);
    if (dirname(path) === path) break;
  }
  for (const path of missing.reverse()) {
    try {
      await mkdir(path);
    } catch (err) {
      // Made meanwhile by someone else: fine when it is a folder.
      if (errnoCode(err) === 'EEXIST' && (await isDirectory(path))) continue;
      throw err;
    }
  }
}
