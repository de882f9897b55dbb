// Child process of the data pipeline benchmark, so that peak RSS is the measured work's own.
//   node dist/bench/data-pipeline.child.js floor|pipeline|engines DIR
// Prints one JSON line on stdout. Import only types from this file: it runs when loaded.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { loadDataset, type DatasetStep } from '../src/data/dataset.loader.js';
import { buildAnnexPanel } from '../src/data/panel/annex-panel.builder.js';
import { aggregateSalesTyped } from '../src/data/panel/daily-sales.typed-aggregator.js';
import { readAnnexDir } from '../src/data/readers/annex-dir.reader.js';
import { buildFeatures } from '../src/features/feature.pipeline.js';
import { peakRssMiB } from './bench-report.js';
import { aggregateSalesArquero } from './daily-sales.arquero-aggregator.js';

const ANNEX_FILES = ['annex1.csv', 'annex2.csv', 'annex3.csv', 'annex4.csv'];
const FLOOR_PASSES = 3;

export interface StepMeasure {
  step: string;
  seconds: number;
  peakRssMiB: number;
}

export interface FloorResult {
  seconds: number;
  bytes: number;
  lines: number;
  peakRssMiB: number;
}

export interface PipelineResult {
  steps: StepMeasure[];
  series: number;
  days: number;
  features: number;
  warnings: number;
}

export interface EnginesResult {
  /** Best of two builds, seconds. */
  typed: number;
  arquero: number;
  /** Both engines gave the same quantity matrix. */
  identical: boolean;
}

/** One pass of the raw I/O floor: every byte of the four files in 1 MiB chunks, lines counted. */
async function readAndCount(dir: string): Promise<{ bytes: number; lines: number }> {
  let bytes = 0;
  let lines = 0;
  for (const name of ANNEX_FILES) {
    const stream: AsyncIterable<Buffer> = createReadStream(join(dir, name), {
      highWaterMark: 1 << 20,
    });
    for await (const chunk of stream) {
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    }
  }
  return { bytes, lines };
}

/** The raw I/O floor, best of FLOOR_PASSES (it is short, so one pass is noisy). */
async function floor(dir: string): Promise<FloorResult> {
  let seconds = Infinity;
  let counted = { bytes: 0, lines: 0 };
  for (let pass = 0; pass < FLOOR_PASSES; pass++) {
    const t0 = performance.now();
    counted = await readAndCount(dir);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, ...counted, peakRssMiB: peakRssMiB() };
}

/** read → validate → panel (one loadDataset call, as the app does), then features. */
async function pipeline(dir: string): Promise<PipelineResult> {
  const steps: StepMeasure[] = [];
  let mark = performance.now();
  const stepDone = (step: string): void => {
    const now = performance.now();
    steps.push({ step, seconds: (now - mark) / 1000, peakRssMiB: peakRssMiB() });
    mark = now;
  };
  const onProgress = (step: DatasetStep, done: number, total: number): void => {
    if (done === total && total > 0) stepDone(step);
  };
  const loaded = await loadDataset({ data: dir }, { onProgress });
  if (loaded.panel === null) throw new Error('the generated data has validation errors');
  mark = performance.now();
  const matrix = buildFeatures(loaded.panel);
  stepDone('features');
  return {
    steps,
    series: loaded.panel.seriesIds.length,
    days: loaded.panel.dates.length,
    features: matrix.names.length,
    warnings: loaded.report.summary.warningCount,
  };
}

/** Typed-array vs arquero panel engine on the same data already read. */
async function engines(dir: string): Promise<EnginesResult> {
  const { data } = await readAnnexDir(dir);
  const aggregators = { typed: aggregateSalesTyped, arquero: aggregateSalesArquero };
  type Engine = keyof typeof aggregators;
  const best: Record<Engine, number> = { typed: Infinity, arquero: Infinity };
  const quantity: Partial<Record<Engine, Float32Array>> = {};
  for (let rep = 0; rep < 2; rep++) {
    for (const engine of ['typed', 'arquero'] as const) {
      const t0 = performance.now();
      const panel = buildAnnexPanel(data, { aggregate: aggregators[engine] });
      best[engine] = Math.min(best[engine], (performance.now() - t0) / 1000);
      quantity[engine] = panel.columns.get('quantity');
    }
  }
  const a = quantity.typed;
  const b = quantity.arquero;
  const identical =
    a !== undefined &&
    b !== undefined &&
    a.length === b.length &&
    a.every((v, i) => Object.is(v, b[i]) || (Number.isNaN(v) && Number.isNaN(b[i])));
  return { ...best, identical };
}

const MODES = { floor, pipeline, engines } as const;

function isMode(mode: string | undefined): mode is keyof typeof MODES {
  return mode !== undefined && mode in MODES;
}

const [mode, dir] = process.argv.slice(2);
if (!isMode(mode) || dir === undefined) {
  process.stderr.write('usage: data-pipeline.child.js floor|pipeline|engines DIR\n');
  process.exitCode = 2;
} else {
  process.stdout.write(JSON.stringify(await MODES[mode](dir)) + '\n');
}
