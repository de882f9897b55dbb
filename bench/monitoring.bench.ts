import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config.loader.js';
import { addDays, dateRange } from '../src/data/dates.js';
import type { SeriesPanel } from '../src/data/series-panel.js';
import type { Forecast } from '../src/forecasting/forecast.types.js';
import { scoreAccuracy } from '../src/monitoring/accuracy/accuracy-scorer.js';
import { ActualsStore } from '../src/monitoring/actuals/actuals.store.js';
import { checkDrift } from '../src/monitoring/drift/drift-report.js';
import { buildModelReference } from '../src/monitoring/drift/reference-distribution.js';
import { writeForecastLog } from '../src/monitoring/forecast-log/forecast-log.store.js';
import { buildStandaloneRegistry } from '../src/registry/registry.builder.js';
import { DiskArtifactStore } from '../src/storage/disk.driver.js';
import type { BenchSection } from './bench-report.js';
import { peakRssMiB, timed } from './bench-report.js';

/** Series counts run (FRESHCAST_BENCH_MONITORING_SIZES=250,2500 to change). */
const SIZES = (process.env.FRESHCAST_BENCH_MONITORING_SIZES ?? '250,25000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const HORIZON = 28;
/** Daily forecast origins kept: enough for every day of the 28-day window to be forecast at every horizon. */
const ORIGINS = 28;
const PANEL_DAYS = 150;
const MODEL = 'quantity-linear-20261207T000000Z-abcdef';

function log(line: string): void {
  process.stderr.write(`[monitoring] ${line}\n`);
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A panel of `n` series over PANEL_DAYS days ending the day before the first origin's forecasts. */
function panelOf(n: number, dates: string[]): SeriesPanel {
  const rand = random(n);
  const days = dates.length;
  const cols = ['quantity', 'price', 'wholesale', 'discount_share', 'return_kg'];
  const columns = new Map(cols.map((c) => [c, new Float32Array(n * days)]));
  const level = Array.from({ length: n }, () => 2 + rand() * 20);
  for (let s = 0; s < n; s++)
    for (let t = 0; t < days; t++) {
      const i = s * days + t;
      columns.get('quantity')![i] = level[s] * (0.6 + 0.8 * rand());
      columns.get('price')![i] = 5 + (s % 13) + rand();
      columns.get('wholesale')![i] = 3 + (s % 13) + rand();
      columns.get('discount_share')![i] = rand() < 0.8 ? 0 : rand();
      columns.get('return_kg')![i] = rand() < 0.97 ? 0 : rand();
    }
  const ids = Array.from({ length: n }, (_, s) => String(102900000000000 + s));
  return {
    seriesIds: ids,
    dates,
    columns,
    listed: new Uint8Array(n * days).fill(1),
    statics: {
      name: ids,
      categoryCode: ids.map((_, s) => String(s % 6)),
      categoryName: ids.map((_, s) => `category ${s % 6}`),
      lossRate: new Float32Array(n).fill(0.1),
    },
    source: 'long',
  };
}

function forecastsFrom(panel: SeriesPanel, origin: string, rand: () => number): Forecast[] {
  const dates = Array.from({ length: HORIZON }, (_, h) => addDays(origin, h + 1));
  return panel.seriesIds.map((id) => {
    const p50 = dates.map(() => 5 + rand() * 10);
    return {
      seriesId: id,
      dates,
      mean: p50,
      quantiles: { p10: p50.map((v) => v * 0.6), p50, p90: p50.map((v) => v * 1.4) },
    };
  });
}

interface SizeResult {
  series: number;
  logSeconds: number;
  logMiB: number;
  actualsSeconds: number;
  scoreSeconds: number;
  points: number;
  driftSeconds: number;
  rssMiB: number;
}

async function runSize(n: number): Promise<SizeResult> {
  const root = await mkdtemp(join(tmpdir(), 'fc-bench-monitoring-'));
  try {
    const store = new DiskArtifactStore(root);
    const config = loadConfig({
      env: { NODE_ENV: 'production' },
      overrides: { storage: { driver: 'disk', disk: { root } } },
    });
    const built = buildStandaloneRegistry(config, { store });
    const firstOrigin = '2023-06-01';
    const panel = panelOf(n, dateRange(addDays(firstOrigin, -PANEL_DAYS + 1), firstOrigin));
    const rand = random(7);
    // One day of steady state: the cache of one origin logged (what every refresh adds).
    const origins = Array.from({ length: ORIGINS }, (_, i) => addDays(firstOrigin, i));
    let logSeconds = 0;
    for (const origin of origins) {
      const forecasts = forecastsFrom(panel, origin, rand);
      logSeconds += (
        await timed(() =>
          writeForecastLog(store, {
            modelVersion: MODEL,
            target: 'quantity',
            source: 'cache',
            forecasts,
          }),
        )
      ).seconds;
    }
    let bytes = 0;
    for (const key of await store.list('monitoring/forecast-log/'))
      bytes += (await store.get(key)).byteLength;
    log(`${n} series: ${ORIGINS} origins logged in ${logSeconds.toFixed(1)} s`);
    const actuals = new ActualsStore(store);
    const end = addDays(firstOrigin, ORIGINS);
    const rows = panel.seriesIds.flatMap((id) =>
      dateRange(addDays(firstOrigin, 1), end).map((date) => ({
        seriesId: id,
        date,
        y: 5 + rand() * 10,
      })),
    );
    const posted = await timed(() => actuals.write('quantity', rows));
    const score = await timed(() =>
      scoreAccuracy({ store, actuals, registry: built.registry, panel }, 'quantity', {
        windows: [7, 28],
      }),
    );
    const overall = score.value?.rows.find(
      (r) => r.window_days === 28 && r.horizon_bucket === 'all' && r.category === 'all',
    );
    log(`${n} series: scored ${overall?.points ?? 0} points in ${score.seconds.toFixed(2)} s`);
    const reference = buildModelReference(panel, forecastsFrom(panel, firstOrigin, rand));
    const drift = await timed(() =>
      checkDrift(store, panel, 'quantity', MODEL, reference, {
        psiWarn: 0.1,
        psiAlert: 0.25,
        recentDays: 28,
        driftedShareAlert: 0.3,
      }),
    );
    await built.close();
    return {
      series: n,
      logSeconds: logSeconds / ORIGINS,
      logMiB: bytes / ORIGINS / 2 ** 20,
      actualsSeconds: posted.seconds,
      scoreSeconds: score.seconds,
      points: overall?.points ?? 0,
      driftSeconds: drift.seconds,
      rssMiB: peakRssMiB(),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export const monitoringBench = {
  name: 'monitoring',
  summary:
    'forecast monitoring at 250 and 25,000 series: logging one day of forecasts, posting 28 days of actuals, the score-accuracy work (28 daily origins × 28 days, windows 7/28) and the drift check',
  async run(): Promise<BenchSection[]> {
    const results: SizeResult[] = [];
    const loadBefore = loadavg()[0];
    for (const n of SIZES) results.push(await runSize(n));
    const loadAfter = loadavg()[0];
    const base = results[0];
    return [
      {
        title: 'Forecast monitoring cost by number of series (disk artifact store)',
        headers: [
          'series',
          'log one origin (s)',
          'log part (MiB)',
          'post 28 days of actuals (s)',
          'score-accuracy (s)',
          'points scored (28-day window)',
          'µs per point',
          'score vs 250 series',
          'drift check (s)',
          'peak RSS (MiB)',
        ],
        rows: results.map((r) => [
          r.series,
          r.logSeconds,
          r.logMiB,
          r.actualsSeconds,
          r.scoreSeconds,
          r.points,
          (r.scoreSeconds / Math.max(1, r.points)) * 1e6,
          `${(r.scoreSeconds / base.scoreSeconds).toFixed(1)}× (${(r.series / base.series).toFixed(0)}× the series)`,
          r.driftSeconds,
          r.rssMiB,
        ]),
        notes: [
          `${ORIGINS} daily forecast origins × ${HORIZON} horizon days logged per series (one gzipped JSON-lines part per origin); actuals for the 28 days after the first origin, posted in one batch`,
          'score-accuracy = scoreAccuracy (the job’s work): list and read the log parts of the origins that reach the windows, join with actuals (posted, over a panel of 150 days), per window × model × horizon bucket × category (6 categories) plus roll-ups',
          'drift check = checkDrift over the panel’s last 28 days (5 features) and the newest origin’s P50s against a reference built from the panel',
          'peak RSS is the bench process’s, cumulative over the sizes run so far',
          `1-minute load average at start / end: ${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)} (2 cores: above 2 the timings include waiting for a core)`,
        ],
      },
    ];
  },
};
