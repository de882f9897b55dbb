import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { METRIC_CATALOGUE, type MetricKey, type MetricSpec } from './metric-catalogue.js';

type KeysOfType<T extends MetricSpec['type']> = {
  [K in MetricKey]: (typeof METRIC_CATALOGUE)[K]['type'] extends T ? K : never;
}[MetricKey];

function spec(key: MetricKey): MetricSpec {
  return METRIC_CATALOGUE[key];
}

/**
 * A catalogue counter on `registry` (the one already there when another part declared it);
 * `collect` runs before each scrape.
 */
export function counterOf(
  registry: Registry,
  key: KeysOfType<'counter'>,
  collect?: (this: Counter) => void | Promise<void>,
): Counter {
  const s = spec(key);
  const existing = registry.getSingleMetric(s.name);
  if (existing instanceof Counter) return existing;
  return new Counter({
    name: s.name,
    help: s.help,
    labelNames: [...s.labels],
    registers: [registry],
    ...(collect ? { collect } : {}),
  });
}

export function gaugeOf(
  registry: Registry,
  key: KeysOfType<'gauge'>,
  collect?: (this: Gauge) => void | Promise<void>,
): Gauge {
  const s = spec(key);
  const existing = registry.getSingleMetric(s.name);
  if (existing instanceof Gauge) return existing;
  return new Gauge({
    name: s.name,
    help: s.help,
    labelNames: [...s.labels],
    registers: [registry],
    ...(collect ? { collect } : {}),
  });
}

export function histogramOf(registry: Registry, key: KeysOfType<'histogram'>): Histogram {
  const s = spec(key);
  const existing = registry.getSingleMetric(s.name);
  if (existing instanceof Histogram) return existing;
  return new Histogram({
    name: s.name,
    help: s.help,
    labelNames: [...s.labels],
    buckets: [...(s.buckets ?? [])],
    registers: [registry],
  });
}
