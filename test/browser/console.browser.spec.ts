import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/cli.runner.js';
import { FORECAST_COMMANDS } from '../../src/cli/commands/forecast.commands.js';
import { initTfBackend } from '../../src/forecasting/tf/tf-backend.js';
import { ServedModelsService } from '../../src/serving/served-models.service.js';
import { FirstStartService } from '../../src/startup/first-start.service.js';
import { startApp } from '../helpers/test-app.factory.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

/** The part of a canvas element the pixel check uses (the test code has no DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');

/**
 * The web console in Debian's Chromium against the app on demo data: one app, one browser, the
 * views in turn. Screenshots go to test-artifacts/console/ (git-ignored).
 */
describe('web console in a real browser', () => {
  let root: string;
  let app: NestFastifyApplication;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let servedItem: string;
  const problems: string[] = [];
  const adminRequests: string[] = [];

  beforeAll(async () => {
    // The bundle the server serves, current with web/ (npm run build does the same).
    execFileSync(process.execPath, ['scripts/build-console.mjs'], { stdio: 'ignore' });
    mkdirSync(ARTIFACTS, { recursive: true });
    root = mkdtempSync(join(tmpdir(), 'fc-console-'));
    // As the server's start-up does: the health view shows the tf_backend readiness check.
    await initTfBackend('auto');
    app = await startApp({
      startup: { enabled: true },
      data: {
        dir: join(root, 'data'),
        demo: { items: 40, days: 260, start: '2022-01-01', seed: 5, lang: 'en' },
      },
      storage: { driver: 'disk', disk: { root: join(root, 'models') } },
      forecasting: { defaultModel: 'ets', backtest: { windows: 2, refitEvery: 1 }, horizon: 14 },
      auth: { adminApiKey: 'console-admin-key' },
    });
    await app.get(FirstStartService).settled();
    await app.get(ServedModelsService).whenLoaded();
    servedItem = [...(app.get(ServedModelsService).served('quantity')?.cache.keys() ?? [])][0];
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    context = await chromium.launchPersistentContext(join(root, 'profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      acceptDownloads: true,
      viewport: { width: 1366, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    // A fetch the page cancels itself (a view re-fetching, or the test navigating away while a slow
    // answer is on its way) fails as net::ERR_ABORTED: that is the console working, not a problem.
    page.on('requestfailed', (r) => {
      const why = r.failure()?.errorText ?? 'unknown';
      if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} (${why})`);
    });
    page.on('request', (r) => {
      if (/\/models\/|\/admin\//.test(r.url())) adminRequests.push(r.url());
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const shot = (name: string): Promise<Buffer> =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('serves the console at / and draws the chart of an item found by search', async () => {
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/console`);
    await page.getByLabel('Find an item (code, name)').fill(servedItem);
    await page.getByRole('button', { name: 'Search' }).click();
    const chart = page.locator('.chart-card[data-target="quantity"] canvas');
    await chart.waitFor();
    await page.locator('.chart-card[data-target="quantity"] .model-version').waitFor();
    // Pixels drawn on the canvas: the history, the band and the forecast lines.
    const inked = await chart.evaluate((el) => {
      const c = el as unknown as CanvasLike;
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(2000);
    await page.locator('.chart-card[data-target="wholesale"] canvas').waitFor();
    await shot('item');
  });

  it('pages, sorts and exports the replenishment table and shows a row reasoning', async () => {
    await page.goto(`${base}/console#/orders`);
    const rows = page.locator('table.orders tbody tr');
    await rows.first().waitFor();
    await page.getByLabel('Rows per page').selectOption('10');
    const codes = (): Promise<string[]> =>
      page.locator('table.orders tbody tr td:first-child').allTextContents();
    const first = await codes();
    expect(first).toHaveLength(10);
    expect(first).toEqual([...first].sort());
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    const second = await codes();
    expect(second.length).toBeGreaterThan(0);
    expect(second[0] > first[first.length - 1]).toBe(true);

    await page.locator('button[data-sort="order_kg"]').click();
    await page.getByText('Page 1 of 2').waitFor();
    const orders = (await page.locator('table.orders tbody tr td:nth-child(4)').allTextContents())
      .map(Number)
      .filter((v) => !Number.isNaN(v));
    expect(orders.length).toBeGreaterThan(5);
    expect(orders).toEqual([...orders].sort((a, b) => b - a));
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Order');

    await rows.first().getByRole('button').click();
    await page.getByRole('region', { name: 'Reasoning' }).locator('li').first().waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      'item_code,name,category,order_kg,demand_p50,loss_rate,unit_cost,unit_price,critical_ratio,reason',
    );
    expect(csv.length).toBeGreaterThan(first.length + second.length);
    await shot('orders');
  });

  it('shows the leaderboard and refuses an admin action without the key, in the page', async () => {
    await page.goto(`${base}/console#/models`);
    await page.locator('table.leaderboard tbody tr').first().waitFor();
    expect(await page.locator('tr.baseline').count()).toBe(1);
    await page.locator('.models-view canvas').first().waitFor();
    await page.getByRole('button', { name: 'Roll back prod' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'refused: this needs the admin key',
    );
    expect(adminRequests).toEqual([]);
    await shot('models');
  });

  it('submits a batch forecast and follows it to completion on the jobs view', async () => {
    await page.goto(`${base}/console#/jobs`);
    await page.getByRole('button', { name: 'Forecast every item' }).click();
    await page.getByText('Batch forecast submitted').waitFor();
    await page
      .locator('table.jobs tbody tr', { hasText: 'completed' })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Retrain' }).click();
    await page.getByText('Retrain refused: this needs the admin key').waitFor();
    expect(adminRequests).toEqual([]);
    await shot('jobs');
  });

  it('with the admin key, lists the registry with its registration times and history', async () => {
    await page.goto(`${base}/console#/models`);
    await page.getByLabel('Admin key').fill('console-admin-key');
    await page.getByRole('button', { name: 'Use key' }).click();
    const registered = page.locator('table', { hasText: 'Registered quantity models' });
    await registered.locator('tbody tr').first().waitFor();
    // The Registered column reads /models' created_at: an ISO time, not an empty cell.
    const when = await registered.locator('tbody tr td').nth(3).textContent();
    expect(when).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const history = page.locator('table', { hasText: 'Registry history' });
    await expect(history.locator('tbody').textContent()).resolves.toContain('→ prod');
    await shot('models-admin');
    await page.getByRole('button', { name: 'Forget key' }).click();
    adminRequests.length = 0;
  });

  it('shows start-up phase, backend, queue mode and each readiness check on the health view', async () => {
    await page.goto(`${base}/console#/health`);
    await expect(page.locator('[data-field="phase"]').textContent()).resolves.toBe('ready');
    await expect(page.locator('[data-field="queue"]').textContent()).resolves.toBe('in-process');
    // The checks of /health/ready, each with its status and details (no Redis here: in-process).
    await expect(page.locator('[data-field="ready"]').textContent()).resolves.toMatch(/^Ready/);
    const rows = page.locator('table.checks tbody tr');
    const names = await Promise.all(
      Array.from({ length: await rows.count() }, (_, i) => rows.nth(i).getAttribute('data-check')),
    );
    expect(names).toEqual(['startup', 'models', 'artifact_store', 'tf_backend']);
    await expect(rows.locator('[data-field="check-status"]').allTextContents()).resolves.toEqual([
      'up',
      'up',
      'up',
      'up',
    ]);
    await expect(page.locator('tr[data-check="models"]').textContent()).resolves.toContain(
      app.get(ServedModelsService).served('quantity')?.id ?? 'no prod model',
    );
    await page
      .getByText(/No drift check has run yet|Drift/)
      .first()
      .waitFor();
    await shot('health');
  });

  it('writes backtest and forecast HTML reports that draw from disk, offline', async () => {
    const data = join(root, 'data', 'demo');
    const cli = async (...argv: string[]): Promise<void> => {
      const io = memoryIo();
      const code = await runCli(argv, FORECAST_COMMANDS, io);
      expect({ code, stderr: code === 0 ? '' : io.stderr }).toEqual({ code: 0, stderr: '' });
    };
    const backtest = join(root, 'backtest.html');
    const forecast = join(root, 'forecast.html');
    await cli(
      'backtest',
      '--data',
      data,
      '--models',
      'seasonal-naive,ets',
      '--horizon',
      '7',
      '--windows',
      '1',
      '--html',
      backtest,
    );
    await cli(
      'train',
      '--data',
      data,
      '--model',
      'ets',
      '--horizon',
      '7',
      '--out',
      join(root, 'ets'),
    );
    await cli('predict', '--model', join(root, 'ets'), '--data', data, '--html', forecast);
    const remote: string[] = [];
    const onRequest = (r: { url(): string }): void => {
      if (!/^(file|data):/.test(r.url())) remote.push(r.url());
    };
    page.on('request', onRequest);
    try {
      await page.goto(pathToFileURL(backtest).href);
      await page.locator('tr.baseline').waitFor();
      // Leaderboard, WAPE and bias by horizon, and one chart per plotted item.
      expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(4);
      await shot('backtest-report');
      await page.goto(pathToFileURL(forecast).href);
      await page.locator('canvas').first().waitFor();
      expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(3);
      await shot('forecast-report');
    } finally {
      page.off('request', onRequest);
    }
    expect(remote).toEqual([]);
    const bad = memoryIo();
    expect(
      await runCli(
        [
          'predict',
          '--model',
          join(root, 'ets'),
          '--data',
          data,
          '--html',
          join(root, 'no-such-dir', 'r.html'),
        ],
        FORECAST_COMMANDS,
        bad,
      ),
    ).not.toBe(0);
    expect(bad.stderr).toContain('does not exist');
  });

  it('logged no console error or warning on any view', () => {
    expect(problems).toEqual([]);
  });
});
