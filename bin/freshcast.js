#!/usr/bin/env node
// The `freshcast` command: runs the compiled CLI in this process (`npm run build` compiles it; the
// container image ships it built). `freshcast serve` and `freshcast worker` receive signals directly.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('freshcast: dist/ is missing; run `npm run build` first\n');
  process.exit(2);
}
await import(cli);
