import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createApp, initApp } from '../src/app.factory.js';
import { consoleDir, packageRoot } from '../src/console/console-assets.js';
import { loadConfig } from '../src/config/config.loader.js';
import { ServedModelsService } from '../src/serving/served-models.service.js';
import { FirstStartService } from '../src/startup/first-start.service.js';
import type { BenchSection } from './bench-report.js';

const RUNS = 7;
const CHROMIUM = process.env.FRESHCAST_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function log(line: string): void {
  process.stderr.write(`[console] ${line}\n`);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function sizes(): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [];
  for (const file of ['app.js', 'app.css', 'report.js', 'report.css']) {
    const body = await readFile(join(consoleDir(), file));
    rows.push([file, body.length / 1024, gzipSync(body, { level: 9 }).length / 1024]);
  }
  return rows;
}

/** Navigation → first chart on the item view, and the Health view (no chart) as the baseline. */
async function firstRender(): Promise<{ item: number[]; draw: number[]; health: number[] }> {
  const root = await mkdtemp(join(tmpdir(), 'fc-bench-console-'));
  const config = loadConfig({
    env: { NODE_ENV: 'test' },
    overrides: {
      startup: { enabled: true },
      data: {
        dir: join(root, 'data'),
        demo: { items: 251, days: 1095, start: '2020-07-01', seed: 42, lang: 'en' },
      },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      forecasting: { defaultModel: 'ets', backtest: { windows: 1, refitEvery: 1 } },
    },
  });
  const app = await initApp(await createApp(config, { logger: false }));
  const context = await chromium.launchPersistentContext(join(root, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1366, height: 900 },
  });
  try {
    await app.get(FirstStartService).settled();
    await app.get(ServedModelsService).whenLoaded();
    const code = [...(app.get(ServedModelsService).served('quantity')?.cache.keys() ?? [])][0];
    await app.listen(0, '127.0.0.1');
    const base = await app.getUrl();
    const page = context.pages()[0] ?? (await context.newPage());
    const out = { item: [] as number[], draw: [] as number[], health: [] as number[] };
    for (let i = 0; i < RUNS + 1; i++) {
      await page.goto('about:blank');
      await page.goto(`${base}/console#/item?code=${code}`);
      await page.locator('body[data-first-chart-ms]').waitFor({ state: 'attached' });
      const item = Number(await page.locator('body').getAttribute('data-first-chart-ms'));
      const draw = Number(
        await page.locator('.chart[data-render-ms]').first().getAttribute('data-render-ms'),
      );
      await page.goto('about:blank');
      await page.goto(`${base}/console#/health`);
      await page.locator('[data-field="phase"]').waitFor();
      const health = await page.evaluate(() => performance.now());
      if (i === 0) continue; // the first load warms the server and the browser's caches
      out.item.push(item);
      out.draw.push(draw);
      out.health.push(health);
    }
    return out;
  } finally {
    await context.close();
    await app.close();
    await rm(root, { recursive: true, force: true });
  }
}

export const consoleBench = {
  name: 'console',
  summary: 'web console: bundle sizes, first render of the item view in headless Chromium',
  async run(): Promise<BenchSection[]> {
    execFileSync(process.execPath, [join(packageRoot(), 'scripts', 'build-console.mjs')], {
      stdio: 'ignore',
    });
    const loadBefore = loadavg()[0];
    const bundle = await sizes();
    log('bundle sizes measured; booting the app for the render timing');
    const r = await firstRender();
    const loadAfter = loadavg()[0];
    const item = median(r.item);
    const health = median(r.health);
    return [
      {
        title: 'Console bundle (esbuild, minified)',
        headers: ['file', 'KiB', 'KiB gzip -9'],
        rows: bundle,
        notes: [
          'app.js = Preact + uPlot + the five views; report.js = uPlot + the HTML report renderer (inlined into `--html` reports)',
        ],
      },
      {
        title: 'Console first render in headless Chromium (251 items × 1,095 days demo, loopback)',
        headers: ['page', 'median ms (navigation → on screen)', 'min', 'max', 'vs Health view'],
        rows: [
          [
            'Item view: 3 history requests + 3 uPlot charts, first chart',
            item,
            Math.min(...r.item),
            Math.max(...r.item),
            `${(item / health).toFixed(2)}×`,
          ],
          [
            '  of which drawing one chart (uPlot)',
            median(r.draw),
            Math.min(...r.draw),
            Math.max(...r.draw),
            '–',
          ],
          [
            'Health view (baseline: bundle + 4 JSON calls, no chart)',
            health,
            Math.min(...r.health),
            Math.max(...r.health),
            '1.00×',
          ],
        ],
        notes: [
          `${RUNS} loads each after one warm-up, same browser (HTTP cache on, as a returning user), \`#/item?code=…\` deep link`,
          `1-minute load average at start / end: ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)} (2 cores shared with other work: above 2 the timings include waiting for a core)`,
        ],
      },
    ];
  },
};
