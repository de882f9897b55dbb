import { DatasetError, loadDataset } from '../data/dataset.loader.js';
import type { SeriesPanel, Target } from '../data/series-panel.js';
import type { ValidationReport } from '../data/validation/validation-report.types.js';
import type { CliIo } from './cli-io.js';
import { CommandError } from './cli.errors.js';
import { ProgressBar } from './progress-bar.js';

function firstErrors(report: ValidationReport, n = 3): string {
  const lines: string[] = [];
  for (const f of report.files) {
    for (const e of f.errors) {
      if (lines.length < n) lines.push(`${f.file}: ${e.message}`);
    }
  }
  return lines.join('; ');
}

/**
 * The panel a modelling command works on: loads `--data DIR` / `--series FILE` once, with a progress
 * bar while reading, and stops with the validation report's first errors when the data is unusable.
 */
export async function loadPanelForCommand(
  location: { data: string } | { series: string },
  target: Target,
  io: CliIo,
): Promise<SeriesPanel> {
  const bar = new ProgressBar(io, 'read', 100);
  try {
    const loaded = await loadDataset(location, {
      target,
      onProgress: (step, done, total) => {
        if (step === 'read' && total > 0) bar.update(Math.round((done / total) * 100));
      },
    });
    if (!loaded.panel) {
      throw new CommandError(
        `the data has errors (run \`freshcast data validate\` for the report): ${firstErrors(loaded.report)}`,
      );
    }
    const p = loaded.panel;
    io.err(
      `data: ${p.seriesIds.length} series × ${p.dates.length} days (${p.dates[0]} … ${p.dates.at(-1)}), read in ${loaded.timings.total.toFixed(1)} s\n`,
    );
    if (!p.columns.has(target))
      throw new CommandError(`the data has no "${target}" column to forecast`);
    return p;
  } catch (err) {
    if (err instanceof DatasetError) throw new CommandError(err.message);
    throw err;
  }
}
