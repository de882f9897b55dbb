import { basename } from 'node:path';
import { readAnnexFiles, readLongFile } from './dataset-files.reader.js';
import { DatasetError } from './dataset-load.errors.js';
import { locateDataDir } from './dataset-presence.finder.js';
import { reportAnnexRead, reportLongRead } from './dataset-report.assembler.js';
import {
  resolveDataSource,
  type DataSource,
  type DatasetLocation,
  type IgnoredDataFile,
} from './dataset-source.finder.js';
import type { SalesAggregator } from './panel/daily-sales.types.js';
import { buildPanel, type PanelSource } from './panel/panel-source.builder.js';
import type { SeriesPanel, Target } from './series-panel.js';
import type { ValidationReport } from './validation/validation-report.types.js';

export { DatasetError, type DatasetErrorCode } from './dataset-load.errors.js';
export { ensureDemoData, type DemoDataResult } from './dataset-demo.provisioner.js';
export { DEMO_SUBDIR, hasData, locateDataDir } from './dataset-presence.finder.js';
export {
  findDataSource,
  type DataSource,
  type DatasetLocation,
  type IgnoredDataFile,
} from './dataset-source.finder.js';

/** The steps of a load, in order; `read` reports bytes, the others 0/1 then 1/1. */
export type DatasetStep = 'read' | 'validate' | 'panel';

export interface LoadDatasetOptions {
  /** Column a long-format file's `y` fills (annex panels have every target); default 'quantity'. */
  target?: Target;
  /** Called at the start and end of each step (`done === total` at the end), and while reading. */
  onProgress?: (step: DatasetStep, done: number, total: number) => void;
  /** Build the panel (default true); false stops after validation. */
  panel?: boolean;
  /** Sales aggregator of the annex panel (default: typed arrays). */
  aggregate?: SalesAggregator;
  /** Examples kept per validation issue (default 5). */
  maxExamples?: number;
}

export type LoadedSource = Exclude<DataSource, { kind: 'none' }>;

export interface LoadedDataset {
  /** The daily panel; null when the report has errors (or `panel: false` was asked). */
  panel: SeriesPanel | null;
  report: ValidationReport;
  source: LoadedSource;
  /** Seconds spent per step (`find`, `read`, `validate`, `panel`) and in all (`total`). */
  timings: Record<string, number>;
}

function describeIgnored(ignored: readonly IgnoredDataFile[]): string {
  if (ignored.length === 0) return '';
  const shown = ignored.slice(0, 3).map((f) => `${f.name} (${f.reason.replace(/^ignored: /, '')})`);
  const more = ignored.length > 3 ? `, … ${ignored.length - 3} more` : '';
  return `; not used: ${shown.join(', ')}${more}`;
}

async function noDataError(source: Extract<DataSource, { kind: 'none' }>): Promise<DatasetError> {
  const elsewhere = await locateDataDir(source.dir);
  const hint = elsewhere !== null ? `; data files were found in ${elsewhere}` : '';
  return new DatasetError(
    'NO_DATA',
    `no data files in ${source.dir} (expected annex1-4.csv / 附件1-4.csv or a long-format CSV with unique_id,ds,y)${hint}${describeIgnored(source.ignored)}`,
  );
}

const seconds = (from: number): number => (performance.now() - from) / 1000;

/**
 * Loads a data set the one way the CLI and the app share: finds what `--data DIR` holds (or takes
 * `--series FILE`), reads every file once, validates what was read (the same report as
 * validateDataDir for the files used), and builds the daily panel unless the report has errors.
 * Throws DatasetError only when there is nothing to read (missing folder or file, no data files);
 * bad data gives a report with errors and a null panel.
 */
export async function loadDataset(
  location: DatasetLocation,
  opts: LoadDatasetOptions = {},
): Promise<LoadedDataset> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const progress = opts.onProgress;
  const validation = { maxExamples: opts.maxExamples };

  let t = performance.now();
  const source = await resolveDataSource(location);
  if (source.kind === 'none') throw await noDataError(source);
  timings.find = seconds(t);

  t = performance.now();
  const onBytes = (done: number, total: number): void => progress?.('read', done, total);
  let report: ValidationReport;
  let panelSource: PanelSource;
  if (source.kind === 'annex') {
    const read = await readAnnexFiles(source.files, onBytes, validation);
    timings.read = seconds(t);
    t = performance.now();
    progress?.('validate', 0, 1);
    report = reportAnnexRead(read.data, read.reads, source.ignored, validation);
    panelSource = { kind: 'annex', data: read.data, aggregate: opts.aggregate };
  } else {
    const read = await readLongFile(source.file, onBytes, validation);
    timings.read = seconds(t);
    t = performance.now();
    progress?.('validate', 0, 1);
    report = reportLongRead(read.data, read.meta, source.ignored, validation);
    panelSource = { kind: 'long', series: read.data };
  }
  progress?.('validate', 1, 1);
  timings.validate = seconds(t);

  let panel: SeriesPanel | null = null;
  if (opts.panel !== false && report.summary.ok) {
    t = performance.now();
    progress?.('panel', 0, 1);
    panel = buildPanel(panelSource, opts.target ?? 'quantity');
    progress?.('panel', 1, 1);
    timings.panel = seconds(t);
  }
  timings.total = seconds(started);
  return { panel, report, source, timings };
}

/** A short name for a loaded source: the folder, or the long-format file's name. */
export function sourceLabel(source: LoadedSource): string {
  return source.kind === 'annex' ? source.dir : basename(source.file);
}
