import { METRIC_NAMES } from '../../../src/monitoring/metric-names.js';
import { MetricsService } from '../../../src/monitoring/metrics.service.js';

describe('MetricsService', () => {
  it('renders request counts, latency and predictions in Prometheus text', async () => {
    const m = new MetricsService();
    m.observeRequest('POST', '/predict', 200, 0.004);
    m.observeRequest('POST', '/predict', 200, 0.006);
    m.countPrediction('quantity', 'quantity-ets-x', true);
    m.countPrediction('quantity', 'quantity-ets-x', false);
    m.modelSwapped('quantity', 'quantity-ets-x', 'ets');
    const text = await m.render();
    expect(text).toContain(
      `${METRIC_NAMES.httpRequests}{method="POST",route="/predict",status="200"} 2`,
    );
    expect(text).toContain(`${METRIC_NAMES.httpDuration}_count{method="POST",route="/predict"} 2`);
    expect(text).toContain(
      `${METRIC_NAMES.predictions}{target="quantity",model_version="quantity-ets-x",cached="true"} 1`,
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
});
