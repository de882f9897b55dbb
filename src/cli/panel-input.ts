import type { DatasetLocation } from '../data/dataset.loader.js';
import type { SeriesPanel, Target } from '../data/series-panel.js';
import type { CliIo } from './cli-io.js';
import { CommandError } from './cli.errors.js';
import { loadForCommand, requirePanel } from './commands/data-load.step.js';

/**
 * The panel a modelling command works on (train, backtest, predict): the data commands' loader,
 * plus a one-line summary and a check that the target column exists.
 */
export async function loadPanelForCommand(
  location: DatasetLocation,
  target: Target,
  io: CliIo,
): Promise<SeriesPanel> {
  const loaded = await loadForCommand(location, io, { target });
  const p = requirePanel(loaded, io);
  io.err(
    `data: ${p.seriesIds.length} series × ${p.dates.length} days (${p.dates[0]} … ${p.dates.at(-1)}), loaded in ${loaded.timings.total.toFixed(1)} s\n`,
  );
  if (!p.columns.has(target))
    throw new CommandError(`the data has no "${target}" column to forecast`);
  return p;
}
