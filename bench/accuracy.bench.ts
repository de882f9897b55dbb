import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset, type DatasetLocation } from '../src/data/dataset.loader.js';
import { generateDataset } from '../src/data/generator/dataset.generator.js';
import type { SeriesPanel, Target } from '../src/data/series-panel.js';
import { runBacktest } from '../src/evaluation/backtest.js';
import { truncatePanel } from '../src/evaluation/panel-truncation.js';
import type { ModelBacktest } from '../src/evaluation/backtest.types.js';
import { createForecaster, listKinds } from '../src/forecasting/forecaster.registry.js';
import { initTfBackend } from '../src/forecasting/tf/tf-backend.js';
import type { BenchSection } from './bench-report.js';

const HORIZON = 28;
const WINDOWS = 3;
/** Per-fit training budget of neural kinds (the default of `npm start`). */
const BUDGET_SEC = Number(process.env.FRESHCAST_BENCH_BUDGET ?? 45);
/**
 * Epoch limit of neural kinds (default: each kind's own). With it, and FRESHCAST_BENCH_BUDGET large enough
 * to be only a backstop, configurations are compared by epochs (early stopping still applies), so the
 * machine's load no longer decides how far each fit got; the notes say how many fits the backstop ended.
 */
const EPOCHS = process.env.FRESHCAST_BENCH_EPOCHS
  ? Number(process.env.FRESHCAST_BENCH_EPOCHS)
  : undefined;
/**
 * A folder with long-format `demand_long.csv` and `wholesale_long.csv` (`unique_id,ds,y`): the
 * section then also backtests on them (a real store's extract, kept outside the repository).
 */
const SERIES_DIR = process.env.FRESHCAST_BENCH_SERIES_DIR;
/**
 * Comma-separated ISO dates: the series are also backtested as if they ended on each (earlier windows,
 * to see whether what wins the latest three windows holds on others).
 */
const SERIES_UNTIL = (process.env.FRESHCAST_BENCH_SERIES_UNTIL ?? '')
  .split(',')
  .map((d) => d.trim())
  .filter((d) => d !== '');
/** Comma-separated kinds (default: every kind); seasonal naive, ets and linear are always added. */
const KINDS = process.env.FRESHCAST_BENCH_ACCURACY_KINDS;
/** Which datasets: 'generated', 'series' or both (default). */
const ONLY = process.env.FRESHCAST_BENCH_ACCURACY_DATA;
const REFERENCES = ['seasonal-naive', 'ets', 'linear'];
/**
 * JSON `{"NAME": {"kind": K, "params": {…}}, …}`: configurations backtested next to the kinds, under their
 * own names (e.g. a daily-step gru: `{"gru daily": {"kind": "gru", "params": {"patch": 1}}}`).
 */
const VARIANTS = process.env.FRESHCAST_BENCH_ACCURACY_VARIANTS;

interface Variant {
  name: string;
  kind: string;
  params?: Record<string, unknown>;
}

function variants(): Variant[] {
  if (!VARIANTS) return [];
  const parsed: unknown = JSON.parse(VARIANTS);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('FRESHCAST_BENCH_ACCURACY_VARIANTS must be a JSON object of {kind, params}');
  return Object.entries(parsed as Record<string, unknown>).map(([name, v]) => {
    const o = (v ?? {}) as { kind?: unknown; params?: unknown };
    if (typeof o.kind !== 'string') throw new Error(`variant '${name}' needs a kind`);
    const params =
      o.params && typeof o.params === 'object' ? (o.params as Record<string, unknown>) : undefined;
    return { name, kind: o.kind, params };
  });
}

function log(line: string): void {
  process.stderr.write(`[accuracy] ${line}\n`);
}

function kinds(): string[] {
  const asked = KINDS ? KINDS.split(',').map((k) => k.trim()) : listKinds();
  return [...REFERENCES, ...asked.filter((k) => !REFERENCES.includes(k))];
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '–');

function row(m: ModelBacktest, reference: number): (string | number)[] {
  return [
    m.name,
    m.wape,
    `${(((reference - m.wape) / reference) * 100).toFixed(1)} %`,
    m.windows.map((w) => fmt(w.wape)).join(' / '),
    m.mase,
    m.bias,
    m.coverage_p10_p90,
    m.fit_seconds / Math.max(1, m.fits),
  ];
}

/** How the neural kinds' training was bounded, and how many of their fits the wall clock ended. */
function budgetNote(models: readonly ModelBacktest[]): string {
  const neural = models.filter((m) => m.fits_out_of_time !== undefined);
  const fits = neural.reduce((n, m) => n + m.fits, 0);
  const outOfTime = neural.reduce((n, m) => n + (m.fits_out_of_time ?? 0), 0);
  const bound = EPOCHS
    ? `up to ${EPOCHS} epochs (early stopping on validation), with a ${BUDGET_SEC} s wall-clock backstop per fit`
    : `with a ${BUDGET_SEC} s budget per fit`;
  const ended = fits > 0 ? `; the wall clock ended ${outOfTime} of their ${fits} fits` : '';
  return `neural kinds (and neural ensemble members) train ${bound}${ended}`;
}

async function backtestSection(
  title: string,
  panel: SeriesPanel,
  target: Target,
): Promise<BenchSection> {
  const fitOptions = { seed: 42, timeBudgetSec: BUDGET_SEC, ...(EPOCHS ? { epochs: EPOCHS } : {}) };
  const models = [];
  for (const k of kinds()) models.push({ forecaster: await createForecaster(k), fitOptions });
  for (const v of variants())
    models.push({
      name: v.name,
      forecaster: await createForecaster(v.kind, v.params),
      fitOptions,
    });
  log(`${title}: ${models.map((m) => m.name ?? m.forecaster.kind).join(', ')}`);
  const result = await runBacktest(panel, models, {
    target,
    horizon: HORIZON,
    windows: WINDOWS,
    onProgress: (p) => {
      if (p.stage === 'scored') log(`${title}: ${p.model} window ${p.window}/${p.windows}`);
    },
  });
  for (const m of models) m.forecaster.dispose();
  const byName = new Map(result.models.map((m) => [m.name, m]));
  const reference = Math.min(
    byName.get('ets')?.wape ?? Infinity,
    byName.get('linear')?.wape ?? Infinity,
  );
  const sorted = [...result.models].sort((a, b) => a.wape - b.wape);
  const best = sorted[0];
  return {
    title,
    headers: [
      'kind',
      'WAPE',
      'vs better of ets/linear',
      'WAPE per window',
      'MASE',
      'bias',
      'P10–P90 coverage',
      'fit s / window',
    ],
    rows: sorted.map((m) => row(m, reference)),
    notes: [
      `cutoffs ${result.cutoffs.join(', ')} (windows in that order); P50 scored; ${result.eligibleSeries.join('/')} eligible series per window`,
      budgetNote(result.models),
      `best: ${best.name}, ${(((reference - best.wape) / reference) * 100).toFixed(1)} % below the better of ets and linear (${fmt(reference)})`,
    ],
  };
}

async function generatedPanel(): Promise<{ panel: SeriesPanel; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'freshcast-bench-acc-'));
  await generateDataset(dir, { items: 60, days: 730 });
  const loaded = await loadDataset({ data: dir });
  if (!loaded.panel) throw new Error('the generated data did not validate');
  return { panel: loaded.panel, dir };
}

async function seriesPanel(file: string, target: Target, until?: string): Promise<SeriesPanel> {
  const location: DatasetLocation = { series: join(SERIES_DIR ?? '.', file) };
  const loaded = await loadDataset(location, { target });
  if (!loaded.panel) throw new Error(`${file} did not load`);
  if (until === undefined) return loaded.panel;
  const last = loaded.panel.dates.indexOf(until);
  if (last < 0) throw new Error(`${file} has no day ${until} to end on`);
  return truncatePanel(loaded.panel, last);
}

export const accuracyBench = {
  name: 'accuracy',
  summary:
    'every kind (ensemble included) backtested for demand, wholesale price and (generated data) selling price: WAPE per window, MASE, bias, coverage, fit time, against seasonal naive / ets / linear',
  async run(): Promise<BenchSection[]> {
    await initTfBackend((process.env.FRESHCAST_TF_BACKEND as 'auto' | undefined) ?? 'auto');
    const out: BenchSection[] = [];
    if (SERIES_DIR && ONLY !== 'generated') {
      for (const until of [undefined, ...SERIES_UNTIL]) {
        const note = `the store's development extract (57 items sold on ≥ 300 days)${until ? `, cut at ${until}` : ''}`;
        out.push(
          await backtestSection(
            `Demand on ${note}`,
            await seriesPanel('demand_long.csv', 'quantity', until),
            'quantity',
          ),
        );
        out.push(
          await backtestSection(
            `Wholesale price on ${note}`,
            await seriesPanel('wholesale_long.csv', 'wholesale', until),
            'wholesale',
          ),
        );
      }
    }
    if (ONLY !== 'series') {
      const { panel, dir } = await generatedPanel();
      try {
        out.push(
          await backtestSection(
            'Demand on generated data (60 items × 730 days)',
            panel,
            'quantity',
          ),
        );
        out.push(
          await backtestSection(
            'Wholesale price on generated data (60 items × 730 days)',
            panel,
            'wholesale',
          ),
        );
        // The real store's long files have no selling price; the generated data has it.
        out.push(
          await backtestSection(
            'Selling price on generated data (60 items × 730 days)',
            panel,
            'price',
          ),
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    return out;
  },
};
