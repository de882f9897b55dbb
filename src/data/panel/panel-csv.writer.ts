import type { Writable } from 'node:stream';
import type { SeriesPanel, Target } from '../series-panel.js';
import { csvTextField, formatFloat32 } from './csv-number.format.js';
import { CsvStreamWriter, type CsvSinkOptions } from './csv-stream.writer.js';

const STATIC_COLUMNS = ['category', 'loss_rate'];

export interface PanelCsvOptions extends CsvSinkOptions {
  /** Column written as `y`; default 'quantity'. */
  target?: Target;
  /** Add the series' `category` code and `loss_rate`; default: for annex panels. */
  statics?: boolean;
}

/**
 * Writes a panel in long format, streaming: `unique_id,ds,y`, every other panel column in panel
 * order, `listed` (0/1), then `category,loss_rate` when statics are written; empty field = missing.
 * One row per cell that is listed or has any value: cells unlisted and empty in every column (the
 * panel's missing days) are left out, so reading the file back as a long-format series gives the
 * same columns for that target. Panel columns named like one of the writer's own columns are not
 * written twice. Returns the number of data rows written.
 */
export async function writePanelCsv(
  panel: SeriesPanel,
  sink: Writable,
  options: PanelCsvOptions = {},
): Promise<number> {
  const target = options.target ?? 'quantity';
  const y = panel.columns.get(target);
  if (!y) throw new Error(`panel has no '${target}' column to write as y`);
  const statics = options.statics ?? panel.source === 'annex';
  // A panel column named like a column the writer adds itself (a long-format file with a `listed`
  // column, such as this writer's own output read back) is left out: a header never repeats a name.
  const own = new Set(['unique_id', 'ds', 'y', 'listed', ...(statics ? STATIC_COLUMNS : [])]);
  const others = [...panel.columns].filter(([name]) => name !== target && !own.has(name));
  const columns = [y, ...others.map(([, values]) => values)];
  const header = ['unique_id', 'ds', 'y', ...others.map(([name]) => csvTextField(name)), 'listed'];
  if (statics) header.push(...STATIC_COLUMNS);

  const out = new CsvStreamWriter(sink, options);
  await out.line(header.join(','));
  const days = panel.dates.length;
  let rows = 0;
  for (let s = 0; s < panel.seriesIds.length; s++) {
    const id = csvTextField(panel.seriesIds[s]);
    const tail = statics
      ? `,${csvTextField(panel.statics.categoryCode[s])},${formatFloat32(panel.statics.lossRate[s])}`
      : '';
    for (let t = 0; t < days; t++) {
      const c = s * days + t;
      const listed = panel.listed[c];
      if (listed !== 1 && columns.every((values) => values[c] !== values[c])) continue;
      let line = `${id},${panel.dates[t]}`;
      for (const values of columns) line += ',' + formatFloat32(values[c]);
      await out.line(`${line},${listed}${tail}`);
      rows++;
    }
  }
  await out.close();
  return rows;
}
