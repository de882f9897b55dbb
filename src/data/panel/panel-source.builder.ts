import type { AnnexData, LongSeriesColumns } from '../annex.types.js';
import type { SeriesPanel, Target } from '../series-panel.js';
import { buildAnnexPanel } from './annex-panel.builder.js';
import type { SalesAggregator } from './daily-sales.types.js';
import { buildLongPanel } from './long-panel.builder.js';

/** What `--data DIR` (the retailer's annex files) or `--series FILE.csv` (long format) read into. */
export type PanelSource =
  | { kind: 'annex'; data: AnnexData; aggregate?: SalesAggregator }
  | { kind: 'long'; series: LongSeriesColumns };

/** The daily panel of either source; `target` says which column a long file's `y` fills. */
export function buildPanel(source: PanelSource, target: Target = 'quantity'): SeriesPanel {
  return source.kind === 'annex'
    ? buildAnnexPanel(source.data, { aggregate: source.aggregate })
    : buildLongPanel(source.series, { target });
}
