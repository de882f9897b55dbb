/** Every Prometheus metric freshcast exposes: one table, so names are never spelled twice. */
export const METRIC_NAMES = {
  httpRequests: 'freshcast_http_requests_total',
  httpDuration: 'freshcast_http_request_duration_seconds',
  predictions: 'freshcast_predictions_total',
  cacheHits: 'freshcast_forecast_cache_hits_total',
  cacheMisses: 'freshcast_forecast_cache_misses_total',
  onDemandBatches: 'freshcast_on_demand_batches_total',
  modelSwaps: 'freshcast_model_swaps_total',
  servedModel: 'freshcast_served_model_info',
  tfBackend: 'freshcast_tf_backend_info',
  tfTensors: 'freshcast_tf_tensors',
  shadowPredictions: 'freshcast_shadow_predictions_total',
  shadowAbsDiff: 'freshcast_shadow_p50_abs_diff_sum',
} as const;

export const METRIC_HELP: Record<keyof typeof METRIC_NAMES, string> = {
  httpRequests: 'HTTP requests by method, route and status code',
  httpDuration: 'HTTP request latency in seconds by method and route',
  predictions: 'Forecasts returned, by target, model version and whether they came from the cache',
  cacheHits: 'Forecast requests answered from the forecast cache, by target',
  cacheMisses: 'Forecast requests the cache could not answer (on-demand or unknown), by target',
  onDemandBatches: 'Model calls made for on-demand forecasts (each may hold several requests)',
  modelSwaps: 'Prod model swaps by target',
  servedModel: 'The model served per target (value 1)',
  tfBackend: 'The TensorFlow.js backend in use (value 1), once one is initialised',
  tfTensors: 'Live TensorFlow.js tensors (flat over time unless something leaks)',
  shadowPredictions:
    'Forecasts a shadow candidate computed (not returned), by target and model version',
  shadowAbsDiff:
    'Sum over shadow forecasts of mean |P50 candidate - P50 prod| per day, by target and model version',
};
