#!/usr/bin/env node
// The `freshcast` command: runs the compiled CLI (built by `npm ci` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('freshcast: dist/ is missing; run `npm run build` first\n');
  process.exit(2);
}
await import(cli);
