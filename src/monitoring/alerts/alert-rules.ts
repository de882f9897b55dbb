import { addDays, toEpochDay } from '../../data/dates.js';
import type { AccuracyReport } from '../accuracy/accuracy-scorer.js';
import type { DriftReport } from '../drift/drift-report.js';
import type { MonitoringConfig } from '../../config/monitoring.config.js';
import type { AlertEvent } from './alert.types.js';

type Rules = MonitoringConfig['alerts']['rules'];

const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

/** Accuracy rules over a report: live WAPE vs backtest, and P10–P90 coverage outside the band. */
export function accuracyAlerts(report: AccuracyReport, rules: Rules): AlertEvent[] {
  const out: AlertEvent[] = [];
  const overall = (window: number) =>
    report.rows.filter(
      (r) => r.window_days === window && r.horizon_bucket === 'all' && r.category === 'all',
    );
  const deg = rules.accuracyDegraded;
  if (deg.enabled)
    for (const row of overall(deg.windowDays)) {
      const backtest = report.models.find((m) => m.model_version === row.model_version)?.backtest;
      if (!backtest || !(backtest.wape > 0) || Number.isNaN(row.wape)) continue;
      const degradation = row.wape / backtest.wape - 1;
      if (degradation <= deg.maxDegradation) continue;
      out.push({
        rule: 'accuracy-degraded',
        severity: deg.severity,
        subject: `${report.target}/${row.model_version}`,
        title: `${row.model_version}: live WAPE ${pct(degradation)} worse than its backtest`,
        message:
          `Over the ${row.window_days} days to ${report.as_of}, ${row.model_version} (${report.target}) ` +
          `scored a WAPE of ${row.wape.toFixed(3)} on ${row.points} points against ${backtest.wape.toFixed(3)} ` +
          `in its backtest (allowed: ${pct(deg.maxDegradation)} worse).`,
        figures: {
          live_wape: row.wape,
          backtest_wape: backtest.wape,
          degradation,
          points: row.points,
          window_days: row.window_days,
        },
      });
    }
  const cov = rules.coverage;
  if (cov.enabled)
    for (const row of overall(cov.windowDays)) {
      const [lo, hi] = cov.band;
      if (Number.isNaN(row.coverage) || (row.coverage >= lo && row.coverage <= hi)) continue;
      out.push({
        rule: 'coverage',
        severity: cov.severity,
        subject: `${report.target}/${row.model_version}`,
        title: `${row.model_version}: P10–P90 coverage ${pct(row.coverage)} outside [${pct(lo)}, ${pct(hi)}]`,
        message:
          `Over the ${row.window_days} days to ${report.as_of}, ${pct(row.coverage)} of the actuals fell inside ` +
          `${row.model_version}'s P10–P90 interval (${row.points} points); the band is [${pct(lo)}, ${pct(hi)}].`,
        figures: { coverage: row.coverage, low: lo, high: hi, points: row.points },
      });
    }
  return out;
}

export function driftAlerts(report: DriftReport, rules: Rules): AlertEvent[] {
  if (!rules.drift.enabled || report.status !== 'alert') return [];
  const drifted = report.features.filter((f) => f.status === 'alert').map((f) => f.feature);
  if (report.predictions?.status === 'alert') drifted.push(report.predictions.feature);
  return [
    {
      rule: 'drift',
      severity: rules.drift.severity,
      subject: `${report.target}/${report.model_version}`,
      title: `${report.target}: drift in ${drifted.join(', ')}`,
      message:
        `Recent data (${report.recent.from} … ${report.recent.to}) differs from ${report.model_version}'s ` +
        `training reference: ${pct(report.drifted_share)} of the features at PSI ≥ ${report.psi_alert}.`,
      figures: { drifted_share: report.drifted_share, drifted: drifted.join(',') },
    },
  ];
}

/** No actual newer than `rules.staleData.days` days before `today`. */
export function staleDataAlert(
  target: string,
  newest: string | null,
  today: string,
  rules: Rules,
): AlertEvent[] {
  const r = rules.staleData;
  if (!r.enabled || newest === null) return [];
  const age = toEpochDay(today) - toEpochDay(newest);
  if (age <= r.days) return [];
  return [
    {
      rule: 'stale-data',
      severity: r.severity,
      subject: target,
      title: `${target}: no new actuals for ${age} days`,
      message: `The newest ${target} actual is from ${newest}; expected one after ${addDays(today, -r.days)}.`,
      figures: { newest, age_days: age },
    },
  ];
}

export function jobFailureAlert(
  name: string,
  failures: number,
  error: string,
  rules: Rules,
): AlertEvent[] {
  const r = rules.jobFailures;
  if (!r.enabled || failures < r.failures) return [];
  return [
    {
      rule: 'job-failures',
      severity: r.severity,
      subject: name,
      title: `job ${name} failed ${failures} times in a row`,
      message: `The last ${failures} ${name} jobs failed; last error: ${error}`,
      figures: { failures, last_error: error },
    },
  ];
}
