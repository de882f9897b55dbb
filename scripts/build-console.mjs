// Bundles the web console (web/console) and the HTML report script (web/report) with esbuild into
// dist/console/: app.js, app.css, index.html, report.js, report.css. Everything they use (Preact,
// uPlot and its CSS) is bundled: the console works offline and under a CSP without inline scripts.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/console`;

export async function buildConsole({ outdir = out, minify = true } = {}) {
  const esbuild = await import('esbuild');
  mkdirSync(outdir, { recursive: true });
  const common = {
    bundle: true,
    minify,
    sourcemap: false,
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
    absWorkingDir: root,
    legalComments: 'none',
  };
  const results = await Promise.all([
    esbuild.build({ ...common, entryPoints: { app: 'web/console/main.tsx' }, format: 'esm', outdir, metafile: true }),
    esbuild.build({ ...common, entryPoints: { app: 'web/console/console.css' }, outdir, metafile: true }),
    esbuild.build({ ...common, entryPoints: { report: 'web/report/report.ts' }, format: 'iife', outdir, metafile: true }),
    esbuild.build({ ...common, entryPoints: { report: 'web/report/report.css' }, outdir, metafile: true }),
  ]);
  copyFileSync(`${root}web/console/index.html`, `${outdir}/index.html`);
  const sizes = {};
  for (const r of results)
    for (const [file, meta] of Object.entries(r.metafile.outputs)) sizes[file.replace(/^.*\//, '')] = meta.bytes;
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await buildConsole();
  console.log(`console bundle: ${Object.entries(sizes).map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} KiB`).join(', ')}`);
}
