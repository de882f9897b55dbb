import {
  DatasetError,
  loadDataset,
  type DatasetLocation,
  type DatasetStep,
  type LoadedDataset,
} from '../../data/dataset.loader.js';
import type { SeriesPanel, Target } from '../../data/series-panel.js';
import type { ValidationReport } from '../../data/validation/validation-report.types.js';
import type { CliIo } from '../cli-io.js';
import { CommandError } from '../cli.errors.js';
import { ProgressBar } from '../progress-bar.js';

const MIB = 2 ** 20;

/** stderr feedback for a load: a bar while reading (MiB), one line when each step ends. */
function stepReporter(io: CliIo): (step: DatasetStep, done: number, total: number) => void {
  const bars = new Map<DatasetStep, ProgressBar>();
  const finished = new Set<DatasetStep>();
  return (step, done, total) => {
    if (finished.has(step)) return;
    const unit = step === 'read' ? MIB : 1;
    let bar = bars.get(step);
    if (bar === undefined) {
      bar = new ProgressBar(io, step === 'read' ? 'reading' : step, Math.ceil(total / unit));
      bars.set(step, bar);
    }
    if (done >= total) {
      finished.add(step);
      bar.done(step === 'read' ? `(${(total / MIB).toFixed(1)} MiB)` : '');
    } else if (step === 'read') bar.update(Math.floor(done / unit), 'MiB');
  };
}

/**
 * Loads `--data DIR` / `--series FILE` for a data command, with progress on stderr. A folder or
 * file that cannot be loaded at all becomes a CommandError (one line, exit 1).
 */
export async function loadForCommand(
  location: DatasetLocation,
  io: CliIo,
  opts: { target?: Target; panel?: boolean } = {},
): Promise<LoadedDataset> {
  try {
    return await loadDataset(location, { ...opts, onProgress: stepReporter(io) });
  } catch (err) {
    if (err instanceof DatasetError) throw new CommandError(err.message);
    throw err;
  }
}

/** The first few errors of a report as one line: `file: code message [count]; …`. */
export function firstErrors(report: ValidationReport, n = 3): string {
  const all = report.files.flatMap((f) =>
    f.errors.map((e) => `${f.file}: ${e.code} ${e.message} [${e.count}]`),
  );
  const more = all.length > n ? `; … ${all.length - n} more` : '';
  return all.slice(0, n).join('; ') + more;
}

/** The panel of a load, or a CommandError quoting the report's first errors. */
export function requirePanel(loaded: LoadedDataset, io: CliIo): SeriesPanel {
  const { report, panel } = loaded;
  if (panel === null) {
    throw new CommandError(
      `the data has ${report.summary.errorCount} error(s), run \`freshcast data validate\` for the report: ${firstErrors(report)}`,
    );
  }
  if (report.summary.warningCount > 0) {
    io.err(
      `note: the data has ${report.summary.warningCount} warning(s) (\`freshcast data validate\` lists them)\n`,
    );
  }
  return panel;
}
