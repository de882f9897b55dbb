import type { CloudWatchDatum } from './datum.types.js';

/** The EMF specification's limit of metric definitions per directive (and per log event here). */
const MAX_METRICS_PER_LINE = 100;

type EmfValue =
  | number
  | { Values: number[]; Counts: number[]; Max: number; Min: number; Count: number; Sum: number };

/**
 * CloudWatch Embedded Metric Format log lines (one JSON object per line) for a flush: datums with
 * the same dimensions share a line (up to 100 metrics each); a distribution is written as its
 * value/count arrays with count, sum, min and max.
 */
export function emfLines(datums: CloudWatchDatum[], namespace: string): string[] {
  const byDims = new Map<string, CloudWatchDatum[]>();
  for (const d of datums) {
    const key = JSON.stringify(d.dimensions);
    const list = byDims.get(key) ?? [];
    list.push(d);
    byDims.set(key, list);
  }
  const lines: string[] = [];
  for (const group of byDims.values()) {
    for (let i = 0; i < group.length; i += MAX_METRICS_PER_LINE) {
      const chunk = group.slice(i, i + MAX_METRICS_PER_LINE);
      const dims = chunk[0].dimensions;
      const root: Record<string, unknown> = {
        _aws: {
          Timestamp: chunk[0].timestamp.getTime(),
          CloudWatchMetrics: [
            {
              Namespace: namespace,
              Dimensions: [dims.map(([name]) => name)],
              Metrics: chunk.map((d) => ({ Name: d.name, Unit: d.unit })),
            },
          ],
        },
      };
      for (const [name, value] of dims) root[name] = value;
      for (const d of chunk) root[d.name] = emfValue(d);
      lines.push(JSON.stringify(root));
    }
  }
  return lines;
}

function emfValue(d: CloudWatchDatum): EmfValue {
  const dist = d.distribution;
  if (!dist) return d.value ?? 0;
  return {
    Values: dist.values,
    Counts: dist.counts,
    Max: dist.max,
    Min: dist.min,
    Count: dist.count,
    Sum: dist.sum,
  };
}
