import type { Writable } from 'node:stream';
import { csvTextField, formatFloat32 } from '../data/panel/csv-number.format.js';
import { CsvStreamWriter, type CsvSinkOptions } from '../data/panel/csv-stream.writer.js';
import type { SeriesPanel } from '../data/series-panel.js';
import type { FeatureMatrix } from './feature-matrix.types.js';

export interface FeaturesCsvOptions extends CsvSinkOptions {
  /** 'all' (default): every series × day; 'listed': only days the series was on offer. */
  rows?: 'all' | 'listed';
}

/**
 * Writes features in long format, streaming: `unique_id,ds,y,<feature names…>`, where `y` is the
 * matrix's target from the panel it was built from (empty = missing). Returns the data rows written.
 */
export async function writeFeaturesCsv(
  matrix: FeatureMatrix,
  panel: SeriesPanel,
  sink: Writable,
  options: FeaturesCsvOptions = {},
): Promise<number> {
  const y = panel.columns.get(matrix.target);
  const sameShape =
    panel.seriesIds.length === matrix.seriesIds.length &&
    panel.dates.length === matrix.dates.length;
  if (!y || !sameShape) {
    throw new Error('features and panel do not match (series, dates or target column)');
  }
  const out = new CsvStreamWriter(sink, options);
  await out.line(['unique_id', 'ds', 'y', ...matrix.names.map(csvTextField)].join(','));
  const T = matrix.dates.length;
  const F = matrix.names.length;
  const { values } = matrix;
  let rows = 0;
  for (let s = 0; s < matrix.seriesIds.length; s++) {
    const id = csvTextField(matrix.seriesIds[s]);
    for (let t = 0; t < T; t++) {
      const c = s * T + t;
      if (options.rows === 'listed' && panel.listed[c] !== 1) continue;
      let line = `${id},${matrix.dates[t]},${formatFloat32(y[c])}`;
      for (let i = c * F; i < (c + 1) * F; i++) line += ',' + formatFloat32(values[i]);
      await out.line(line);
      rows++;
    }
  }
  await out.close();
  return rows;
}
