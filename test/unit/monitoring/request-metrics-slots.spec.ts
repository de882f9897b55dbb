import { Histogram, Registry } from 'prom-client';
import { MetricsService } from '../../../src/monitoring/metrics.service.js';
import { METRIC_CATALOGUE } from '../../../src/monitoring/metrics/metric-catalogue.js';
import { requestLatencyRows } from '../../../src/monitoring/metrics/request-latency.rows.js';
import { RequestSlots } from '../../../src/monitoring/metrics/request-slots.js';
import { RowsHistogram } from '../../../src/monitoring/metrics/rows-histogram.js';

const { name, help, labels, buckets } = METRIC_CATALOGUE.httpDuration;

/** Requests as (method, route, status, seconds): on bucket bounds, between them, above the last. */
const REQUESTS: [string, string, number, number][] = [
  ['POST', '/predict', 200, 0.0004],
  ['POST', '/predict', 200, 0.0005],
  ['POST', '/predict', 200, 0.003],
  ['POST', '/predict', 429, 0.0001],
  ['POST', '/predict', 400, 0.02],
  ['GET', '/items', 200, 0.25],
  ['GET', '/items', 200, 42],
  ['GET', 'unmatched', 404, 0.001],
];

describe('request metrics kept in slots', () => {
  it('export the same Prometheus text and JSON as prom-client fed the same observations', async () => {
    const slots = new RequestSlots(buckets);
    const ours = new Registry();
    new RowsHistogram({
      name,
      help,
      labelNames: labels,
      buckets,
      registry: ours,
      rows: () => requestLatencyRows(slots.all()),
    });
    const theirs = new Registry();
    const reference = new Histogram({
      name,
      help,
      labelNames: [...labels],
      buckets: [...buckets],
      registers: [theirs],
    });
    for (const [method, route, status, seconds] of REQUESTS) {
      slots.observe(method, route, status, seconds);
      reference.observe({ method, route }, seconds);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    // What readers of the JSON (the CloudWatch drivers) use: the metric's fields and each value.
    const json = async (r: Registry): Promise<unknown> =>
      (await r.getMetricsAsJSON()).map((m) => ({
        name: m.name,
        help: m.help,
        type: m.type,
        aggregator: m.aggregator,
        values: m.values.map((v) => ({
          labels: v.labels,
          value: v.value,
          metricName: 'metricName' in v ? v.metricName : undefined,
        })),
      }));
    expect(await json(ours)).toEqual(await json(theirs));
  });

  it('count requests per method, route and status, and sum latency over statuses', () => {
    const slots = new RequestSlots(buckets);
    for (const [method, route, status, seconds] of REQUESTS)
      slots.observe(method, route, status, seconds);
    const counts = [...slots.all()].map((s) => [
      s.labels.method,
      s.labels.route,
      s.labels.status,
      s.count,
    ]);
    expect(counts).toEqual([
      ['POST', '/predict', '200', 3],
      ['POST', '/predict', '429', 1],
      ['POST', '/predict', '400', 1],
      ['GET', '/items', '200', 2],
      ['GET', 'unmatched', '404', 1],
    ]);
    const predict = requestLatencyRows(slots.all()).find((r) => r.labels.route === '/predict');
    expect(predict?.count).toBe(5);
    expect(predict?.sum).toBeCloseTo(0.0004 + 0.0005 + 0.003 + 0.0001 + 0.02, 12);
    // 0.0001, 0.0004 and 0.0005 fall in the first bucket (le 0.0005: bounds are inclusive).
    expect(predict?.buckets[0]).toBe(3);
  });

  it('serve counts that keep growing across scrapes (the counter is rebuilt from the slots)', async () => {
    const m = new MetricsService();
    m.observeRequest('POST', '/predict', 200, 0.004);
    const line = 'freshcast_http_requests_total{method="POST",route="/predict",status="200"}';
    expect(await m.render()).toContain(`${line} 1`);
    m.observeRequest('POST', '/predict', 200, 0.004);
    m.observeRequest('POST', '/predict', 200, 0.004);
    const text = await m.render();
    expect(text).toContain(`${line} 3`);
    expect(text).toContain(
      'freshcast_http_request_duration_seconds_count{method="POST",route="/predict"} 3',
    );
    const json = await m.registry.getMetricsAsJSON();
    const requests = json.find((x) => x.name === 'freshcast_http_requests_total');
    expect(requests?.values).toEqual([
      { labels: { method: 'POST', route: '/predict', status: '200' }, value: 3 },
    ]);
  });
});
