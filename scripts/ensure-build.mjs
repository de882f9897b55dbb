// Rebuilds dist/ when it is missing or older than any source file, so `npm start` and `npm run bench`
// always run current code. Without src/ (a production tree holding only dist/) it builds nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const stamp = 'dist/src/main.js';
const stale = !existsSync(stamp) || ['src', 'bench', 'web'].some((d) => existsSync(d) && newest(d) > statSync(stamp).mtimeMs);
if (stale) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
