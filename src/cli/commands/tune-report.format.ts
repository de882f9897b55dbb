import type { TuneOutcome } from '../../training/tuning/tune-runner.js';

const SHOWN = 10;

function wape(x: number | null): string {
  return x === null ? '   -  ' : x.toFixed(4);
}

/** The human summary of a tune: best vs defaults, then the best trials scored on every window. */
export function formatTuneReport(o: TuneOutcome, out: string | undefined): string {
  const lines: string[] = [];
  lines.push(
    `${o.kind} (${o.target}, H=${o.horizon}): ${o.trials.length} trials in ${o.seconds.toFixed(0)} s of ${o.budgetSec} s, ${o.brackets} bracket(s), stopped by ${o.stoppedBy}`,
  );
  lines.push(
    `tuning windows (cutoffs): ${o.tuningCutoffs.join(', ')}; evaluation cutoffs left out: ${o.evaluationCutoffs.join(', ') || 'none'}`,
  );
  if (o.best === null) {
    lines.push('no trial was scored on every tuning window: give a larger --budget');
  } else {
    const d = o.defaultsMeanWape;
    const gain =
      d !== null && d > 0
        ? ` (${(((d - o.best.meanWape) / d) * 100).toFixed(1)} % below the defaults)`
        : '';
    lines.push(`defaults: mean WAPE ${wape(d)}`);
    lines.push(`best:     mean WAPE ${wape(o.best.meanWape)}${gain}, trial ${o.best.trial}`);
    lines.push(`best params: ${JSON.stringify(o.best.params)}`);
  }
  const complete = o.trials
    .filter((t) => t.status === 'complete' && t.meanWape !== null)
    .sort((a, b) => (a.meanWape ?? 0) - (b.meanWape ?? 0))
    .slice(0, SHOWN);
  if (complete.length > 0) {
    lines.push(
      '',
      `trial  mean WAPE  ${o.tuningCutoffs.map((c) => c.padEnd(10)).join(' ')}  seconds  params`,
    );
    for (const t of complete) {
      const per = o.tuningCutoffs.map((c) =>
        wape(t.scores.find((s) => s.cutoff === c)?.wape ?? null).padEnd(10),
      );
      lines.push(
        `${String(t.id).padStart(5)}  ${wape(t.meanWape).padEnd(9)}  ${per.join(' ')}  ${t.seconds.toFixed(1).padStart(7)}  ${t.defaults ? '(defaults)' : JSON.stringify(t.params)}`,
      );
    }
  }
  if (out)
    lines.push(
      '',
      `result written to ${out} (train with: freshcast train --model ${o.kind} --params-from ${out} ...)`,
    );
  return lines.join('\n') + '\n';
}
