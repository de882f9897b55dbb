import type { HistogramRow } from './rows-histogram.js';
import type { RequestSlot } from './request-slots.js';

/**
 * The request latency histogram's series (labels method and route) from the request slots, which
 * also carry the status: the slots of one method and route summed.
 */
export function requestLatencyRows(slots: Iterable<RequestSlot>): HistogramRow[] {
  const rows = new Map<string, HistogramRow & { buckets: number[] }>();
  for (const slot of slots) {
    const { method, route } = slot.labels;
    const key = `${method} ${route}`;
    let row = rows.get(key);
    if (row === undefined) {
      row = {
        labels: { method, route },
        buckets: new Array<number>(slot.buckets.length).fill(0),
        sum: 0,
        count: 0,
      };
      rows.set(key, row);
    }
    for (let b = 0; b < slot.buckets.length; b++) row.buckets[b] += slot.buckets[b];
    row.sum += slot.sum;
    row.count += slot.count;
  }
  return [...rows.values()];
}
