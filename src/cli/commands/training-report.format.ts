import type { FitReport } from '../../forecasting/forecast.types.js';
import type { BacktestMetrics } from '../../registry/model-manifest.schema.js';
import type { TrainOutcome } from '../../training/training.types.js';

/** What `freshcast train --json` prints. */
export interface TrainCommandResult {
  kind: string;
  target: string;
  horizon: number;
  fit: FitReport;
  backtest: BacktestMetrics | null;
  out?: string;
  id?: string;
  stage?: string;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/** Epochs, time, speed, and (not for an ensemble, whose members report their own) loss and stop reason. */
function fitSummary(f: FitReport): string {
  const own = f.members === undefined;
  return (
    `${f.epochs} epoch(s), ${f.seconds.toFixed(1)} s, ${Math.round(f.samplesPerSec)} samples/s` +
    (own && f.trainLoss.length ? `, loss ${f.trainLoss.at(-1)?.toFixed(4)}` : '') +
    (own && f.valLoss.length ? `, val ${f.valLoss.at(-1)?.toFixed(4)}` : '') +
    (f.stoppedBy ? `, stopped by ${f.stoppedBy}` : '')
  );
}

/** The text summary `freshcast train` prints. */
export function formatFitReport(outcome: TrainOutcome, result: TrainCommandResult): string {
  const f = outcome.fit;
  const lines = [
    `model      ${outcome.manifest.kind} (target ${outcome.manifest.target}, horizon ${outcome.manifest.horizon})`,
    `fit        ${fitSummary(f)}`,
    // An ensemble: one line per member, each with its own loss (the kinds' losses differ in units).
    ...(f.members ?? []).map((m, i) => `  member ${i + 1} ${m.kind}: ${fitSummary(m)}`),
  ];
  if (f.calibration) {
    lines.push(
      `calibration P10–P90 coverage ${pct(f.calibration.coverageBefore)} → ${pct(f.calibration.coverageAfter)} (${f.calibration.points} points)`,
    );
  }
  const bt = outcome.backtest;
  if (bt) {
    const gain = (bt.baseline.wape - bt.model.wape) / bt.baseline.wape;
    lines.push(
      `backtest   ${bt.cutoffs.length} window(s), cutoffs ${bt.cutoffs.join(', ')}`,
      `           WAPE ${bt.model.wape.toFixed(3)} vs seasonal naive ${bt.baseline.wape.toFixed(3)} (${gain >= 0 ? '' : '−'}${pct(Math.abs(gain))} ${gain >= 0 ? 'better' : 'worse'}), MASE ${bt.model.mase.toFixed(3)}, P10–P90 coverage ${pct(bt.model.coverage_p10_p90)}`,
    );
  }
  if (result.out) lines.push(`saved      ${result.out}`);
  if (result.id) lines.push(`registered ${result.id} (stage ${result.stage ?? 'dev'})`);
  return lines.join('\n') + '\n';
}
