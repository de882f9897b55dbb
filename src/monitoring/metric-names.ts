import { METRIC_CATALOGUE, type MetricKey } from './metrics/metric-catalogue.js';

/** Every Prometheus metric name freshcast declares (from the metrics catalogue). */
export const METRIC_NAMES = Object.fromEntries(
  Object.entries(METRIC_CATALOGUE).map(([k, spec]) => [k, spec.name]),
) as { [K in MetricKey]: (typeof METRIC_CATALOGUE)[K]['name'] };

export const METRIC_HELP = Object.fromEntries(
  Object.entries(METRIC_CATALOGUE).map(([k, spec]) => [k, spec.help]),
) as Record<MetricKey, string>;
