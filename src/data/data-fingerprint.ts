import { createHash } from 'node:crypto';
import type { SeriesPanel, Target } from './series-panel.js';

/**
 * A short hash of what a model was trained on: series ids, calendar and the target column's bytes
 * (plus the listed flags). Two models with the same fingerprint saw the same data.
 */
export function panelFingerprint(panel: SeriesPanel, target: Target): string {
  const h = createHash('sha256');
  h.update(panel.seriesIds.join('\u0000'));
  h.update(`|${panel.dates[0] ?? ''}|${panel.dates.length}|${target}|`);
  const values = panel.columns.get(target);
  if (values) h.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  h.update(panel.listed);
  return `sha256:${h.digest('hex').slice(0, 16)}`;
}
