import { writePanelCsv } from '../../data/panel/panel-csv.writer.js';
import { TARGETS } from '../../data/series-panel.js';
import type { CliCommand } from '../command.types.js';
import { DATA_SOURCE_OPTIONS, dataSource, optEnum, reqString } from '../option-readers.js';
import { loadForCommand, requirePanel } from './data-load.step.js';
import { writeOutput } from './data-output.sink.js';
import { refuseFolderAsOutputFile, refuseInputAsOutput } from '../output-paths.js';

export const dataPanelCommand: CliCommand = {
  path: ['data', 'panel'],
  summary:
    'Write the daily panel (item × day) in long format: unique_id,ds,y + every panel column; --out - for stdout',
  usage:
    'freshcast data panel (--data DIR | --series FILE.csv) --out FILE.csv|- [--target quantity|price|wholesale]',
  options: { ...DATA_SOURCE_OPTIONS, out: { type: 'string' }, target: { type: 'string' } },
  async run({ values, io }) {
    const location = dataSource(values);
    const out = reqString(values, 'out');
    const target = optEnum(values, 'target', TARGETS) ?? 'quantity';
    refuseFolderAsOutputFile('--out', out);
    await refuseInputAsOutput('--out', out, location);
    const panel = requirePanel(await loadForCommand(location, io, { target }), io);
    const rows = await writeOutput(out, io, ({ sink, end }) =>
      writePanelCsv(panel, sink, { target, end }),
    );
    io.err(
      `panel: ${rows.toLocaleString('en-US')} rows (${panel.seriesIds.length} series × ${panel.dates.length} days, y = ${target}) written to ${out === '-' ? 'stdout' : out}\n`,
    );
    return 0;
  },
};
