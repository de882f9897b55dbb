// Compiles src/ and bench/ to dist/ with the TypeScript compiler (type-checked build), then bundles
// the web console and the HTML report script into dist/console/ (scripts/build-console.mjs).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildConsole } from './build-console.mjs';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
await buildConsole();
