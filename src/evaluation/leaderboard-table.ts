import type { LeaderboardRow } from './backtest.types.js';

const fixed = (digits: number) => (v: number) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const signedPercent = (v: number): string =>
  Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}%` : '-';

const COLUMNS: { title: string; right: boolean; cell: (r: LeaderboardRow) => string }[] = [
  { title: '#', right: true, cell: (r) => String(r.rank) },
  { title: 'model', right: false, cell: (r) => (r.is_baseline ? `${r.name} (baseline)` : r.name) },
  { title: 'WAPE', right: true, cell: (r) => fixed(3)(r.wape) },
  {
    title: 'vs baseline',
    right: true,
    cell: (r) => (r.is_baseline ? '—' : signedPercent(r.improvement_vs_baseline)),
  },
  { title: 'MASE', right: true, cell: (r) => fixed(3)(r.mase) },
  { title: 'bias', right: true, cell: (r) => signedPercent(r.bias) },
  { title: 'P10-P90 cov', right: true, cell: (r) => fixed(3)(r.coverage_p10_p90) },
  { title: 'pinball', right: true, cell: (r) => fixed(3)(r.pinball_mean) },
  { title: 'points', right: true, cell: (r) => String(r.points) },
  { title: 'series', right: true, cell: (r) => String(r.series) },
  { title: 'fit s', right: true, cell: (r) => fixed(2)(r.fit_seconds) },
  { title: 'predict s', right: true, cell: (r) => fixed(2)(r.predict_seconds) },
];

/**
 * The leaderboard as a plain-text table (CLI, logs, reports). "vs baseline" is the relative WAPE
 * improvement over seasonal naive (positive = better); bias is Σ(f − y) / Σ|y|.
 */
export function renderLeaderboard(rows: LeaderboardRow[]): string {
  const cells = rows.map((r) => COLUMNS.map((c) => c.cell(r)));
  const widths = COLUMNS.map((c, i) =>
    Math.max(c.title.length, ...cells.map((row) => row[i].length)),
  );
  const line = (values: string[]): string =>
    values
      .map((v, i) => (COLUMNS[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS.map((c) => c.title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}
