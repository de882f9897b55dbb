// Collects what the runtime image needs from a built checkout into one folder (the Dockerfile's build
// stage runs it; test/integration/deploy runs it too): the compiled dist/, the embedded config, the
// `freshcast` command and the package manifest and lock (for `npm ci --omit=dev`). No sources, no tests.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RUNTIME_PATHS = ['dist', 'config', 'bin', 'package.json', 'package-lock.json'];

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node scripts/image-assemble.mjs OUT_DIR\n');
  process.exit(2);
}
if (!existsSync('dist/src/container.js')) {
  process.stderr.write('dist/ is not built: run `npm run build` first\n');
  process.exit(1);
}
mkdirSync(out, { recursive: true });
for (const p of RUNTIME_PATHS) cpSync(p, join(resolve(out), p), { recursive: true });
