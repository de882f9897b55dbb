import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../src/data/dataset.loader.js';
import { generateDataset } from '../src/data/generator/dataset.generator.js';
import type { SeriesPanel } from '../src/data/series-panel.js';
import { runBacktest } from '../src/evaluation/backtest.js';
import { createForecaster, listKinds } from '../src/forecasting/forecaster.registry.js';
import { currentBackend, initTfBackend } from '../src/forecasting/tf/tf-backend.js';
import {
  patchWasmBatchMatMul,
  unpatchWasmBatchMatMul,
} from '../src/forecasting/tf/wasm-matmul.patch.js';
import type { BenchSection } from './bench-report.js';
import { peakRssMiB } from './bench-report.js';

const NEURAL = ['mlp', 'lstm', 'gru', 'transformer'];
const HORIZON = 28;
const WINDOWS = Number(process.env.FRESHCAST_BENCH_WINDOWS ?? 3);
/** Per-fit training budget for neural kinds (the default of `npm start`). */
const BUDGET_SEC = Number(process.env.FRESHCAST_BENCH_BUDGET ?? 45);

function log(line: string): void {
  process.stderr.write(`[forecasting] ${line}\n`);
}

async function fullPanel(): Promise<{ panel: SeriesPanel; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'freshcast-bench-fc-'));
  await generateDataset(dir);
  const loaded = await loadDataset({ data: dir });
  if (!loaded.panel) throw new Error('the generated data did not validate');
  return { panel: loaded.panel, dir };
}

/** Training speed: two epochs of each neural kind on the full panel (and mlp without the matmul fix). */
async function trainingSpeed(panel: SeriesPanel): Promise<BenchSection> {
  const rows: (string | number)[][] = [];
  const backend = currentBackend()?.backend ?? 'unknown';
  const runs: { kind: string; patched: boolean }[] = NEURAL.map((kind) => ({
    kind,
    patched: true,
  }));
  if (backend === 'wasm') runs.push({ kind: 'mlp', patched: false });
  const speed: Record<string, number> = {};
  for (const r of runs) {
    if (backend === 'wasm') {
      if (r.patched) patchWasmBatchMatMul();
      else unpatchWasmBatchMatMul();
    }
    log(`training speed ${r.kind}${r.patched ? '' : ' (no matmul fix)'}`);
    const f = await createForecaster(r.kind, { patience: 100 });
    try {
      const rep = await f.fit(panel, {
        target: 'quantity',
        horizon: HORIZON,
        epochs: 2,
        seed: 1,
        timeBudgetSec: 120,
      });
      const key = `${r.kind}${r.patched ? '' : '-nofix'}`;
      speed[key] = rep.samplesPerSec;
      rows.push([
        r.kind,
        r.patched ? 'on' : 'off',
        rep.epochs,
        rep.samples,
        rep.samplesPerSec,
        rep.seconds,
      ]);
    } finally {
      f.dispose();
    }
  }
  if (backend === 'wasm') patchWasmBatchMatMul();
  const notes = [
    `backend ${backend}; 2 epochs on the full generated panel (251 items × 1,095 days), H = ${HORIZON}`,
  ];
  if (speed['mlp-nofix'])
    notes.push(
      `wasm BatchMatMul transpose fix: mlp ${(speed.mlp / speed['mlp-nofix']).toFixed(2)}× the unpatched speed (same run)`,
    );
  return {
    title: 'Neural training speed',
    headers: ['kind', 'matmul fix', 'epochs', 'samples', 'samples/s', 'seconds'],
    rows,
    notes,
  };
}

/** Every kind on the same rolling-origin protocol, against seasonal naive. */
async function leaderboard(panel: SeriesPanel): Promise<BenchSection> {
  const kinds = listKinds();
  const models = [];
  for (const k of kinds)
    models.push({
      forecaster: await createForecaster(k),
      fitOptions: { seed: 42, timeBudgetSec: BUDGET_SEC },
    });
  log(`backtest of ${kinds.join(', ')} (${WINDOWS} windows × ${HORIZON} days)`);
  const result = await runBacktest(panel, models, {
    target: 'quantity',
    horizon: HORIZON,
    windows: WINDOWS,
    onProgress: (p) => {
      if (p.stage === 'scored') log(`${p.model} window ${p.window}/${p.windows} scored`);
    },
  });
  for (const m of models) m.forecaster.dispose();
  const rows = result.leaderboard.map((r) => [
    r.rank,
    r.name,
    r.wape,
    `${(r.improvement_vs_baseline * 100).toFixed(1)} %`,
    r.mase,
    r.bias,
    r.coverage_p10_p90,
    r.points,
    r.fit_seconds / Math.max(1, WINDOWS),
  ]);
  const best = result.leaderboard[0];
  return {
    title: 'Backtest leaderboard on the full-size generated data (quantity)',
    headers: [
      'rank',
      'kind',
      'WAPE',
      'vs seasonal naive',
      'MASE',
      'bias',
      'P10–P90 coverage',
      'points',
      'fit s / window',
    ],
    rows,
    notes: [
      `cutoffs ${result.cutoffs.join(', ')}; P50 scored; ${result.eligibleSeries.join('/')} eligible series per window`,
      `neural kinds train with a ${BUDGET_SEC} s budget per fit; peak RSS of the bench process ${peakRssMiB().toFixed(0)} MiB`,
      `best: ${best.name}, ${(best.improvement_vs_baseline * 100).toFixed(1)} % lower WAPE than seasonal naive (target ≥ 20 %)`,
    ],
  };
}

export const forecastingBench = {
  name: 'forecasting',
  summary:
    'neural training samples/s (with/without the wasm matmul fix), every kind backtested vs seasonal naive on full-size data',
  async run(): Promise<BenchSection[]> {
    await initTfBackend((process.env.FRESHCAST_TF_BACKEND as 'auto' | undefined) ?? 'auto');
    const { panel, dir } = await fullPanel();
    try {
      return [await trainingSpeed(panel), await leaderboard(panel)];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
