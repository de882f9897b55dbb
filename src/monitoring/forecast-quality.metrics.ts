import { Counter, Gauge, type Registry } from 'prom-client';
import type { AccuracyReport } from './accuracy/accuracy-scorer.js';
import type { DriftReport } from './drift/drift-report.js';

/**
 * Every metric of forecast monitoring, declared here once (name, help, labels) so that a metrics
 * catalogue shared by exporters can take them as they are. Gauges are set from the latest reports.
 */
export const FORECAST_QUALITY_METRICS = {
  liveWape: {
    name: 'freshcast_live_wape',
    help: 'Realised WAPE of logged forecasts against actuals, by target, model version, window and horizon bucket',
    labels: ['target', 'model_version', 'window_days', 'horizon_bucket'],
  },
  liveMase: {
    name: 'freshcast_live_mase',
    help: 'Realised MASE (seasonal-naive(7) scaled), by target, model version, window and horizon bucket',
    labels: ['target', 'model_version', 'window_days', 'horizon_bucket'],
  },
  liveBias: {
    name: 'freshcast_live_bias',
    help: 'Realised volume-weighted bias Σ(P50 − y)/Σ|y|, by target, model version, window and horizon bucket',
    labels: ['target', 'model_version', 'window_days', 'horizon_bucket'],
  },
  livePinball: {
    name: 'freshcast_live_pinball',
    help: 'Realised mean pinball loss of P10/P50/P90, by target, model version, window and horizon bucket',
    labels: ['target', 'model_version', 'window_days', 'horizon_bucket'],
  },
  liveCoverage: {
    name: 'freshcast_live_coverage',
    help: 'Share of actuals inside P10–P90, by target, model version, window and horizon bucket',
    labels: ['target', 'model_version', 'window_days', 'horizon_bucket'],
  },
  backtestWape: {
    name: 'freshcast_backtest_wape',
    help: 'Backtest WAPE from the model manifest, next to the live figures',
    labels: ['target', 'model_version'],
  },
  driftPsi: {
    name: 'freshcast_drift_psi',
    help: "PSI of a feature (or predictions_p50) against the prod model's training reference",
    labels: ['target', 'feature'],
  },
  driftedShare: {
    name: 'freshcast_drifted_feature_share',
    help: 'Share of features at or above the PSI alert threshold, by target',
    labels: ['target'],
  },
  alertsFired: {
    name: 'freshcast_alerts_fired_total',
    help: 'Alerts fired since the process started, by rule and severity',
    labels: ['rule', 'severity'],
  },
} as const;

type MetricKey = keyof typeof FORECAST_QUALITY_METRICS;
type GaugeKey = Exclude<MetricKey, 'alertsFired'>;

const LIVE: [GaugeKey, 'wape' | 'mase' | 'bias' | 'pinball' | 'coverage'][] = [
  ['liveWape', 'wape'],
  ['liveMase', 'mase'],
  ['liveBias', 'bias'],
  ['livePinball', 'pinball'],
  ['liveCoverage', 'coverage'],
];

/** The gauges on a prom-client registry (the app's), set from reports. */
export class ForecastQualityGauges {
  private readonly gauges: Record<GaugeKey, Gauge>;
  private readonly alerts: Counter;

  constructor(registry: Registry) {
    const make = (k: GaugeKey): Gauge => {
      const m = FORECAST_QUALITY_METRICS[k];
      const existing = registry.getSingleMetric(m.name);
      if (existing instanceof Gauge) return existing;
      return new Gauge({
        name: m.name,
        help: m.help,
        labelNames: [...m.labels],
        registers: [registry],
      });
    };
    const keys = Object.keys(FORECAST_QUALITY_METRICS).filter(
      (k): k is GaugeKey => k !== 'alertsFired',
    );
    this.gauges = Object.fromEntries(keys.map((k) => [k, make(k)])) as Record<GaugeKey, Gauge>;
    const a = FORECAST_QUALITY_METRICS.alertsFired;
    const existing = registry.getSingleMetric(a.name);
    this.alerts =
      existing instanceof Counter
        ? existing
        : new Counter({
            name: a.name,
            help: a.help,
            labelNames: [...a.labels],
            registers: [registry],
          });
  }

  setAccuracy(report: AccuracyReport): void {
    for (const row of report.rows) {
      if (row.category !== 'all') continue;
      const labels = {
        target: report.target,
        model_version: row.model_version,
        window_days: String(row.window_days),
        horizon_bucket: row.horizon_bucket,
      };
      for (const [key, field] of LIVE)
        if (Number.isFinite(row[field])) this.gauges[key].set(labels, row[field]);
    }
    for (const m of report.models)
      if (m.backtest)
        this.gauges.backtestWape.set(
          { target: report.target, model_version: m.model_version },
          m.backtest.wape,
        );
  }

  setDrift(report: DriftReport): void {
    for (const f of [...report.features, ...(report.predictions ? [report.predictions] : [])])
      if (!Number.isNaN(f.psi))
        this.gauges.driftPsi.set({ target: report.target, feature: f.feature }, f.psi);
    this.gauges.driftedShare.set({ target: report.target }, report.drifted_share);
  }

  alertFired(rule: string, severity: string): void {
    this.alerts.inc({ rule, severity });
  }
}
