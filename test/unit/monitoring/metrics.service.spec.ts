import { METRIC_NAMES } from '../../../src/monitoring/metric-names.js';
import { MetricsService } from '../../../src/monitoring/metrics.service.js';
import {
  METRIC_CATALOGUE,
  type MetricSpec,
} from '../../../src/monitoring/metrics/metric-catalogue.js';

describe('MetricsService', () => {
  it('renders request counts, latency and predictions in Prometheus text', async () => {
    const m = new MetricsService();
    m.observeRequest('POST', '/predict', 200, 0.004);
    m.observeRequest('POST', '/predict', 200, 0.006);
    m.countPrediction('quantity', 'prod', true);
    m.countPrediction('quantity', 'canary', false);
    m.modelSwapped('quantity', 'quantity-ets-x', 'ets');
    const text = await m.render();
    expect(text).toContain(
      `${METRIC_NAMES.httpRequests}{method="POST",route="/predict",status="200"} 2`,
    );
    expect(text).toContain(`${METRIC_NAMES.httpDuration}_count{method="POST",route="/predict"} 2`);
    expect(text).toContain(
      `${METRIC_NAMES.predictions}{target="quantity",served_by="prod",cached="true"} 1`,
    );
    expect(text).toContain(`${METRIC_NAMES.cacheHits}{target="quantity"} 1`);
    expect(text).toContain(`${METRIC_NAMES.cacheMisses}{target="quantity"} 1`);
    expect(text).toContain(
      `${METRIC_NAMES.servedModel}{target="quantity",model_version="quantity-ets-x",kind="ets"} 1`,
    );
  });

  it('keeps each instance on its own registry (several apps in one process)', async () => {
    const a = new MetricsService();
    const b = new MetricsService();
    a.countOnDemandBatch();
    expect(await a.render()).toContain(`${METRIC_NAMES.onDemandBatches} 1`);
    expect(await b.render()).toContain(`${METRIC_NAMES.onDemandBatches} 0`);
  });

  it('shows only the current model of a target after a swap', async () => {
    const m = new MetricsService();
    m.modelSwapped('quantity', 'old', 'ets');
    m.modelSwapped('quantity', 'new', 'ets');
    m.setTfBackend('cpu');
    m.setTfBackend('wasm');
    const text = await m.render();
    expect(text).toContain(`${METRIC_NAMES.tfBackend}{backend="wasm"} 1`);
    expect(text).not.toContain('backend="cpu"');
    expect(text).toContain('model_version="new"');
    expect(text).not.toContain('model_version="old"');
  });

  it('exposes the Node runtime metrics: event-loop lag, GC, heap, RSS', async () => {
    const text = await new MetricsService().render();
    for (const name of [
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_gc_duration_seconds',
      'nodejs_heap_size_used_bytes',
      'process_resident_memory_bytes',
    ])
      expect(text).toContain(`# TYPE ${name} `);
  });

  it('follows the naming rules: counters end in _total, never _sum; model versions only on gauges', async () => {
    const specs = Object.values(METRIC_CATALOGUE) as MetricSpec[];
    for (const spec of specs) {
      if (spec.type === 'counter') expect(spec.name).toMatch(/_total$/);
      expect(spec.name).not.toMatch(/_sum$/);
      if (spec.type !== 'gauge') expect(spec.labels).not.toContain('model_version');
    }
    const m = new MetricsService();
    m.countPrediction('quantity', 'prod', true);
    m.countShadow('quantity', 0.5);
    const text = await m.render();
    const counterLines = text.split('\n').filter((l) => /^freshcast_\w+_total\{/.test(l));
    expect(counterLines.length).toBeGreaterThan(0);
    for (const line of counterLines) expect(line).not.toContain('model_version');
  });
});
