import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { MetricsService } from '../../../src/monitoring/metrics.service.js';
import { CloudWatchAggregator } from '../../../src/monitoring/cloudwatch/cloudwatch-aggregator.js';
import type { CloudWatchDatum } from '../../../src/monitoring/cloudwatch/datum.types.js';
import { emfLines } from '../../../src/monitoring/cloudwatch/emf-lines.js';
import { cloudWatchViews } from '../../../src/monitoring/metrics/metric-catalogue.js';

const schema = JSON.parse(
  readFileSync('test/fixtures/cloudwatch/emf.schema.json', 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

/** Validates a line against the EMF schema and the spec's rules on target members. */
function parseEmf(line: string): Record<string, unknown> {
  const doc = JSON.parse(line) as Record<string, unknown>;
  if (!validate(doc)) throw new Error(JSON.stringify(validate.errors));
  const meta = doc._aws as {
    CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[];
  };
  for (const directive of meta.CloudWatchMetrics) {
    // Every dimension and metric a directive names is a member of the root node.
    for (const set of directive.Dimensions)
      for (const d of set) expect(typeof doc[d]).toBe('string');
    for (const m of directive.Metrics) {
      const v = doc[m.Name];
      if (typeof v === 'number') continue;
      const dist = v as { Values: number[]; Counts: number[]; Count: number; Sum: number };
      expect(dist.Values.length).toBe(dist.Counts.length);
      expect(dist.Values.length).toBeLessThanOrEqual(100);
      expect(dist.Counts.reduce((a, b) => a + b, 0)).toBe(dist.Count);
    }
  }
  return doc;
}

function datums(m: MetricsService, agg: CloudWatchAggregator): Promise<CloudWatchDatum[]> {
  return m.registry.getMetricsAsJSON().then((s) => agg.collect(s, new Date(1_700_000_000_000)));
}

describe('CloudWatch views of the metrics catalogue', () => {
  it('aggregates an interval: counts as increases, latency as value/count arrays, one EMF line per dimension set', async () => {
    const m = new MetricsService();
    const agg = new CloudWatchAggregator(cloudWatchViews(), { service: 'freshcast', role: 'api' });
    await datums(m, agg); // baseline
    for (let i = 0; i < 500; i++)
      m.observeRequest('POST', '/predict', 200, i % 2 === 0 ? 0.002 : 0.04);
    m.observeRequest('POST', '/predict', 404, 0.001);
    m.countPrediction('quantity', 'prod', true);
    const out = await datums(m, agg);

    const count = out.filter((d) => d.name === 'RequestCount');
    expect(count.map((d) => [d.dimensions, d.value])).toEqual(
      expect.arrayContaining([
        [
          [
            ['Service', 'freshcast'],
            ['Role', 'api'],
            ['Route', '/predict'],
            ['StatusClass', '2xx'],
          ],
          500,
        ],
        [
          [
            ['Service', 'freshcast'],
            ['Role', 'api'],
            ['Route', '/predict'],
            ['StatusClass', '4xx'],
          ],
          1,
        ],
      ]),
    );
    const latency = out.find((d) => d.name === 'RequestLatency');
    expect(latency?.unit).toBe('Milliseconds');
    // 250 in the 1–2.5 ms bucket, 1 in 0.5–1 ms, 250 in 25–50 ms: values are bucket middles.
    expect(latency?.distribution).toMatchObject({
      values: [0.75, 1.75, 37.5],
      counts: [1, 250, 250],
      count: 501,
    });
    expect(latency?.distribution?.sum).toBeCloseTo(250 * 2 + 250 * 40 + 1, 6);

    const lines = emfLines(out, 'Freshcast');
    // 501 requests, a handful of lines: never one per request.
    expect(lines.length).toBeLessThan(10);
    const docs = lines.map(parseEmf);
    const predict = docs.find((d) => d.Route === '/predict' && d.StatusClass === undefined);
    expect(predict?.RequestLatency).toMatchObject({
      Values: [0.75, 1.75, 37.5],
      Counts: [1, 250, 250],
    });
    expect(docs.find((d) => d.Target === 'quantity')?.Predictions).toBe(1);

    // The next interval starts from zero.
    const next = await datums(m, agg);
    expect(next.filter((d) => d.name === 'RequestCount').every((d) => d.value === 0)).toBe(true);
    expect(next.find((d) => d.name === 'RequestLatency')).toBeUndefined();
  });

  it('publishes QueueBacklog (waiting + delayed over job names) with the Service dimension alone', async () => {
    const m = new MetricsService();
    const { Gauge } = await import('prom-client');
    const g = new Gauge({
      name: 'freshcast_queue_jobs',
      help: 'x',
      labelNames: ['name', 'state'],
      registers: [m.registry],
    });
    g.set({ name: 'train', state: 'waiting' }, 2);
    g.set({ name: 'train', state: 'delayed' }, 1);
    g.set({ name: 'batch-predict', state: 'waiting' }, 4);
    g.set({ name: 'batch-predict', state: 'active' }, 3);
    const agg = new CloudWatchAggregator(cloudWatchViews(), { service: 'fc-prod', role: 'api' });
    const out = await datums(m, agg);
    const backlog = out.filter((d) => d.name === 'QueueBacklog');
    expect(backlog).toEqual([
      expect.objectContaining({ unit: 'Count', value: 7, dimensions: [['Service', 'fc-prod']] }),
    ]);
    const doc = parseEmf(emfLines(backlog, 'Freshcast')[0]);
    expect(doc).toMatchObject({ Service: 'fc-prod', QueueBacklog: 7 });
    expect(out.filter((d) => d.name === 'QueueDepth')).toHaveLength(4);
  });

  it('splits more than 100 metrics of one dimension set over several lines', () => {
    const many: CloudWatchDatum[] = Array.from({ length: 150 }, (_, i) => ({
      name: `M${i}`,
      unit: 'Count',
      dimensions: [['Service', 'freshcast']],
      timestamp: new Date(0),
      value: i,
    }));
    const lines = emfLines(many, 'Freshcast');
    expect(lines).toHaveLength(2);
    for (const l of lines) parseEmf(l);
  });
});
