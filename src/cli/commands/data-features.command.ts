import { TARGETS, type SeriesPanel, type Target } from '../../data/series-panel.js';
import type { FeatureMatrix } from '../../features/feature-matrix.types.js';
import { FeatureSpecError } from '../../features/feature-spec.error.js';
import { buildFeatures } from '../../features/feature.pipeline.js';
import { writeFeaturesCsv } from '../../features/features-csv.writer.js';
import type { CliCommand } from '../command.types.js';
import { CommandError } from '../cli.errors.js';
import { DATA_SOURCE_OPTIONS, dataSource, optEnum, reqString } from '../option-readers.js';
import { ProgressBar } from '../progress-bar.js';
import { loadForCommand, requirePanel } from './data-load.step.js';
import { writeOutput } from './data-output.sink.js';
import { refuseFolderAsOutputFile, refuseInputAsOutput } from '../output-paths.js';

function featuresOf(panel: SeriesPanel, target: Target): FeatureMatrix {
  try {
    return buildFeatures(panel, undefined, target);
  } catch (err) {
    throw err instanceof FeatureSpecError ? new CommandError(err.message) : err;
  }
}

export const dataFeaturesCommand: CliCommand = {
  path: ['data', 'features'],
  summary:
    'Compute the default FeatureSpec for every series × day and write unique_id,ds,y,<features…>; --out - for stdout',
  usage:
    'freshcast data features (--data DIR | --series FILE.csv) --out FILE.csv|- [--target quantity|price|wholesale] [--rows all|listed]',
  options: {
    ...DATA_SOURCE_OPTIONS,
    out: { type: 'string' },
    target: { type: 'string' },
    rows: { type: 'string' },
  },
  async run({ values, io }) {
    const location = dataSource(values);
    const out = reqString(values, 'out');
    const target = optEnum(values, 'target', TARGETS) ?? 'quantity';
    const rowsWanted = optEnum(values, 'rows', ['all', 'listed'] as const) ?? 'all';
    refuseFolderAsOutputFile('--out', out);
    await refuseInputAsOutput('--out', out, location);
    const panel = requirePanel(await loadForCommand(location, io, { target }), io);
    const bar = new ProgressBar(io, 'features', 1);
    const matrix = featuresOf(panel, target);
    bar.done(`(${matrix.names.length} features, spec v${matrix.spec.version})`);
    const rows = await writeOutput(out, io, ({ sink, end }) =>
      writeFeaturesCsv(matrix, panel, sink, { rows: rowsWanted, end }),
    );
    io.err(
      `features: ${rows.toLocaleString('en-US')} rows × ${matrix.names.length} features written to ${out === '-' ? 'stdout' : out}\n`,
    );
    return 0;
  },
};
