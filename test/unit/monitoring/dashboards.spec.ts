import { readFileSync } from 'node:fs';
import { MetricsService } from '../../../src/monitoring/metrics.service.js';
import {
  cloudWatchViews,
  METRIC_CATALOGUE,
} from '../../../src/monitoring/metrics/metric-catalogue.js';
import { FORECAST_QUALITY_METRICS } from '../../../src/monitoring/forecast-quality.metrics.js';

const grafana = JSON.parse(readFileSync('deploy/grafana/freshcast-dashboard.json', 'utf8')) as {
  panels: { targets: { expr: string }[] }[];
};
const cloudwatch = readFileSync('deploy/cloudwatch/freshcast-dashboard.json', 'utf8');

describe('dashboards in deploy/', () => {
  it('Grafana queries only metrics /metrics exposes (catalogue and Node runtime)', async () => {
    const m = new MetricsService();
    const text = await m.render();
    const known = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)/gm)].map((x) => x[1]));
    for (const q of Object.values(FORECAST_QUALITY_METRICS)) known.add(q.name);
    for (const spec of Object.values(METRIC_CATALOGUE)) known.add(spec.name);
    const exprs = grafana.panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(10);
    for (const expr of exprs)
      for (const [, name] of expr.matchAll(/\b((?:freshcast|nodejs|process)_[a-z0-9_]+)/g)) {
        const base = name.replace(/_(bucket|sum|count)$/, '');
        expect([name, known.has(name) || known.has(base)]).toEqual([name, true]);
      }
  });

  it('CloudWatch widgets name only metrics the catalogue publishes', () => {
    const published = new Set([...cloudWatchViews().values()].flat().map((v) => v.name));
    const named = [...cloudwatch.matchAll(/MetricName=\\"(\w+)\\"/g)].map((x) => x[1]);
    expect(named.length).toBeGreaterThan(10);
    for (const n of named) expect([n, published.has(n)]).toEqual([n, true]);
    expect(cloudwatch).toContain('QueueBacklog');
  });
});
