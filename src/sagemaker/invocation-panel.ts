import { dateRange } from '../data/dates.js';
import type { SeriesPanel, Target } from '../data/series-panel.js';
import type { InvocationInstance } from './invocation-request.parser.js';

/** Id of the single series in an invocation panel. */
export const INVOCATION_SERIES_ID = 'instance';

/**
 * A one-series panel from one instance: the calendar runs from `start` to the day of the last target
 * entry (so the forecast starts the day after it, even when trailing values are missing); missing
 * values are NaN and unlisted; statics unknown.
 */
export function invocationPanel(instance: InvocationInstance, target: Target): SeriesPanel {
  const dates = dateRange(instance.start, instance.end);
  const values = Float32Array.from(instance.target);
  const listed = Uint8Array.from(instance.target, (v) => (Number.isNaN(v) ? 0 : 1));
  return {
    seriesIds: [INVOCATION_SERIES_ID],
    dates,
    columns: new Map([[target, values]]),
    listed,
    statics: {
      name: [''],
      categoryCode: [''],
      categoryName: [''],
      lossRate: new Float32Array(1).fill(NaN),
    },
    source: 'long',
  };
}

/** Observed (non-missing) values of an instance. */
export function observedCount(instance: InvocationInstance): number {
  return instance.target.reduce((n, v) => (Number.isNaN(v) ? n : n + 1), 0);
}
