import { Histogram, type Registry } from 'prom-client';

type Snapshot = Awaited<ReturnType<Histogram['get']>>;

/**
 * The `type` of a histogram's snapshot as prom-client writes it ('histogram', printed in `# TYPE`);
 * its declarations type the field as a numeric enum that does not exist at run time.
 */
const HISTOGRAM_TYPE = 'histogram' as unknown as Snapshot['type'];

/** One labelled series of a histogram: observations per bucket (not cumulative, the last one above every bound), sum and count. */
export interface HistogramRow {
  labels: Record<string, string>;
  buckets: ArrayLike<number>;
  sum: number;
  count: number;
}

export interface RowsHistogramOptions {
  name: string;
  help: string;
  labelNames: readonly string[];
  /** Upper bounds, ascending (the rows' buckets follow them). */
  buckets: readonly number[];
  registry: Registry;
  /** The series, read at every scrape. */
  rows: () => Iterable<HistogramRow>;
}

/**
 * A prom-client Histogram whose series are counted elsewhere (in RequestSlots, without label
 * hashing per observation) and read when the registry is scraped: the same `_bucket` (cumulative,
 * `le`), `_sum` and `_count` lines and the same JSON as prom-client's own histogram. `observe` is
 * not used.
 */
export class RowsHistogram extends Histogram {
  private readonly source: () => Iterable<HistogramRow>;
  private readonly bounds: readonly number[];
  private readonly metricName: string;
  private readonly metricHelp: string;

  constructor(opts: RowsHistogramOptions) {
    super({
      name: opts.name,
      help: opts.help,
      labelNames: [...opts.labelNames],
      buckets: [...opts.buckets],
      registers: [opts.registry],
    });
    this.source = opts.rows;
    this.bounds = opts.buckets;
    this.metricName = opts.name;
    this.metricHelp = opts.help;
  }

  /** What getMetricsAsJSON reads. */
  override get(): Promise<Snapshot> {
    return Promise.resolve(this.snapshot());
  }

  /** What the registry's text exposition reads (prom-client calls it when a metric has it). */
  getForPromString(): Promise<Snapshot> {
    return Promise.resolve(this.snapshot());
  }

  private snapshot(): Snapshot {
    const values: Snapshot['values'] = [];
    for (const row of this.source()) {
      let cumulative = 0;
      this.bounds.forEach((le, b) => {
        cumulative += row.buckets[b];
        values.push({
          labels: { le, ...row.labels },
          value: cumulative,
          metricName: `${this.metricName}_bucket`,
        });
      });
      values.push(
        {
          labels: { le: '+Inf', ...row.labels },
          value: row.count,
          metricName: `${this.metricName}_bucket`,
        },
        { labels: { ...row.labels }, value: row.sum, metricName: `${this.metricName}_sum` },
        { labels: { ...row.labels }, value: row.count, metricName: `${this.metricName}_count` },
      );
    }
    return {
      name: this.metricName,
      help: this.metricHelp,
      type: HISTOGRAM_TYPE,
      aggregator: 'sum',
      collect: () => undefined,
      values,
    };
  }
}
