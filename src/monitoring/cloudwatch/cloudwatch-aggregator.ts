import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import { derivedLabel, type CloudWatchView } from '../metrics/metric-catalogue.js';
import type { CloudWatchDatum } from './datum.types.js';

type Labels = Record<string, string | number>;
type Snapshot = MetricObjectWithValues<MetricValue<string>>[];

interface Group {
  view: CloudWatchView;
  dimensions: [string, string][];
  total: number;
  buckets?: number[];
  /** Histogram bucket bounds, scaled to the view's unit. */
  bounds?: number[];
  sum?: number;
}

interface Sample {
  value: number;
  labels: Labels;
  metricName?: string;
}

function seriesKey(name: string, labels: Labels, omit?: string): string {
  const keys = Object.keys(labels)
    .filter((k) => k !== omit)
    .sort();
  return `${name}|${keys.map((k) => `${k}=${String(labels[k])}`).join(',')}`;
}

/** Representative value of each bucket: its middle (0 to the first bound for the first, the last bound for +Inf). */
function bucketValues(bounds: number[]): number[] {
  return [
    ...bounds.map((b, i) => (i === 0 ? b / 2 : (bounds[i - 1] + b) / 2)),
    bounds[bounds.length - 1],
  ];
}

/**
 * Turns Prometheus snapshots (the app's registry, read at each flush) into CloudWatch datums for the
 * interval since the previous call: counters as the increase, gauges as they are, histograms as the
 * observations of the interval in value/count arrays (one value per bucket). Samples are summed
 * over the labels a view leaves out.
 */
export class CloudWatchAggregator {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly views: Map<string, readonly CloudWatchView[]>,
    private readonly globals: { service: string; role: string },
  ) {}

  collect(snapshot: Snapshot, now = new Date()): CloudWatchDatum[] {
    const out: CloudWatchDatum[] = [];
    for (const metric of snapshot) {
      const views = this.views.get(metric.name);
      if (!views) continue;
      const type = String(metric.type);
      const groups = new Map<string, Group>();
      if (type === 'histogram') this.histogram(metric, views, groups);
      else this.scalar(metric, type === 'counter', views, groups);
      for (const g of groups.values()) {
        const datum = this.datum(g, now);
        if (datum) out.push(datum);
      }
    }
    return out;
  }

  private group(groups: Map<string, Group>, view: CloudWatchView, labels: Labels): Group | null {
    for (const [label, allowed] of Object.entries(view.only ?? {}))
      if (!allowed.includes(String(labels[label]))) return null;
    const dims: [string, string][] = [['Service', this.globals.service]];
    if (!view.serviceOnly) dims.push(['Role', this.globals.role]);
    for (const [label, dimName] of Object.entries(view.dimensions)) {
      const v = derivedLabel(labels, label);
      if (v === undefined || v === '') return null;
      dims.push([dimName, v]);
    }
    const key = `${view.name}|${JSON.stringify(dims)}`;
    let g = groups.get(key);
    if (!g) {
      g = { view, dimensions: dims, total: 0 };
      groups.set(key, g);
    }
    return g;
  }

  private scalar(
    metric: MetricObjectWithValues<MetricValue<string>>,
    counter: boolean,
    views: readonly CloudWatchView[],
    groups: Map<string, Group>,
  ): void {
    for (const sample of metric.values) {
      const labels = sample.labels as Labels;
      let value = sample.value;
      if (counter) {
        const key = seriesKey(metric.name, labels);
        const prev = this.last.get(key) ?? 0;
        this.last.set(key, value);
        value = value >= prev ? value - prev : value; // a reset counter starts again from 0
      }
      if (!Number.isFinite(value)) continue;
      for (const view of views) {
        const g = this.group(groups, view, labels);
        if (g) g.total += value * (view.scale ?? 1);
      }
    }
  }

  private histogram(
    metric: MetricObjectWithValues<MetricValue<string>>,
    views: readonly CloudWatchView[],
    groups: Map<string, Group>,
  ): void {
    // Per series (labels without `le`): bucket bounds and the interval's increase of each cumulative count.
    const series = new Map<
      string,
      { labels: Labels; bounds: number[]; cum: number[]; sum: number }
    >();
    for (const sample of metric.values as Sample[]) {
      const labels = sample.labels;
      const metricName = sample.metricName ?? '';
      const key = seriesKey(metric.name, labels, 'le');
      const prevKey = `${metricName}|${key}|${String(labels.le ?? '')}`;
      const prev = this.last.get(prevKey) ?? 0;
      this.last.set(prevKey, sample.value);
      const delta = sample.value >= prev ? sample.value - prev : sample.value;
      let s = series.get(key);
      if (!s) {
        const rest = { ...labels };
        delete rest.le;
        s = { labels: rest, bounds: [], cum: [], sum: 0 };
        series.set(key, s);
      }
      if (metricName.endsWith('_bucket')) {
        if (labels.le !== '+Inf') s.bounds.push(Number(labels.le));
        s.cum.push(delta);
      } else if (metricName.endsWith('_sum')) s.sum = delta;
    }
    for (const s of series.values()) {
      const counts = s.cum.map((c, i) => (i === 0 ? c : c - s.cum[i - 1]));
      for (const view of views) {
        const g = this.group(groups, view, s.labels);
        if (!g) continue;
        const scale = view.scale ?? 1;
        g.buckets ??= bucketValues(s.bounds).map(() => 0);
        counts.forEach((c, i) => {
          if (g.buckets && i < g.buckets.length) g.buckets[i] += c;
        });
        g.sum = (g.sum ?? 0) + s.sum * scale;
        g.bounds = s.bounds.map((b) => b * scale);
      }
    }
  }

  private datum(g: Group, timestamp: Date): CloudWatchDatum | null {
    const base = { name: g.view.name, unit: g.view.unit, dimensions: g.dimensions, timestamp };
    if (!g.buckets) return { ...base, value: g.total };
    const bounds = g.bounds ?? [];
    const reps = bucketValues(bounds);
    const values: number[] = [];
    const counts: number[] = [];
    g.buckets.forEach((c, i) => {
      if (c > 0) {
        values.push(reps[i]);
        counts.push(c);
      }
    });
    if (values.length === 0) return null;
    const count = counts.reduce((a, b) => a + b, 0);
    const firstIdx = g.buckets.findIndex((c) => c > 0);
    const lastIdx = g.buckets.length - 1 - [...g.buckets].reverse().findIndex((c) => c > 0);
    const min = firstIdx === 0 ? 0 : bounds[firstIdx - 1];
    const max = lastIdx < bounds.length ? bounds[lastIdx] : bounds[bounds.length - 1];
    return { ...base, distribution: { values, counts, min, max, sum: g.sum ?? 0, count } };
  }
}
