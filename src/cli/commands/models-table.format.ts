import type { ModelVersion } from '../../registry/model-manifest.schema.js';
import type { GateResult, HistoryEntry } from '../../registry/registry-history.schema.js';
import type { UnreadableEntry } from '../../registry/registry.repository.js';

/** Left-aligned columns separated by two spaces, a header row first; cells never wrap. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** A metric with 4 decimals, or '-' when absent. */
export const metric = (x: number | null | undefined): string =>
  x === null || x === undefined ? '-' : x.toFixed(4);

/** `2026-11-29 01:30:00Z` from an ISO timestamp. */
export const shortTime = (iso: string): string => iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

const orDash = (text: string): string => (text === '' ? '-' : text);

export function renderModelTable(versions: readonly ModelVersion[]): string {
  if (versions.length === 0) return 'no models registered\n';
  return renderTable(
    ['ID', 'STAGE', 'ALIASES', 'WAPE', 'COVERAGE', 'SNAIVE WAPE', 'CREATED'],
    versions.map((v) => [
      v.id,
      v.stage,
      orDash(v.aliases.join(',')),
      metric(v.backtest?.wape),
      metric(v.backtest?.coverage_p10_p90),
      metric(v.backtest?.seasonal_naive_wape),
      shortTime(v.createdAt),
    ]),
  );
}

export function renderGateTable(gates: readonly GateResult[]): string {
  return renderTable(
    ['GATE', 'RESULT', 'DETAIL'],
    gates.map((g) => [g.gate, g.passed ? 'pass' : 'FAIL', g.detail]),
  );
}

export function renderHistoryTable(entries: readonly HistoryEntry[]): string {
  if (entries.length === 0) return 'no history\n';
  return renderTable(
    ['AT', 'ACTION', 'ID', 'STAGE', 'ALIAS', 'ACTOR', 'REASON'],
    entries.map((e) => [
      shortTime(e.at),
      e.forced ? `${e.action} (forced)` : e.action,
      e.id,
      e.fromStage === null && e.toStage === null
        ? '-'
        : `${e.fromStage ?? '-'} -> ${e.toStage ?? '-'}`,
      e.alias ?? '-',
      e.actor,
      e.reason ?? '-',
    ]),
  );
}

/** One `key: message` line per unreadable registry document (for stderr). */
export function renderUnreadable(errors: readonly UnreadableEntry[]): string {
  return errors.map((e) => `warning: unreadable ${e.key} (${e.code}): ${e.message}\n`).join('');
}

/** The human view of one model: one `label  value` line per field. */
export function renderModelDetails(v: ModelVersion): string {
  const t = v.training;
  const b = v.backtest;
  const rows: [string, string][] = [
    ['id', v.id],
    ['target', v.target],
    ['kind', v.kind],
    ['stage', v.stage],
    ['aliases', orDash(v.aliases.join(', '))],
    ['horizon', `${v.horizon} days`],
    ['created', shortTime(v.createdAt)],
    ['code version', v.codeVersion],
    [
      'training',
      `${t.start} .. ${t.end}${t.series === undefined ? '' : `, ${t.series} series`}, ${t.fingerprint}`,
    ],
    [
      'backtest',
      b === null
        ? 'none (cannot pass the prod gates)'
        : `WAPE ${metric(b.wape)}, P10-P90 coverage ${metric(b.coverage_p10_p90)}, ` +
          `seasonal naive WAPE ${metric(b.seasonal_naive_wape)}, MASE ${metric(b.mase)} ` +
          `(horizon ${b.protocol.horizon}, ${b.protocol.windows} windows, step ${b.protocol.step})`,
    ],
    ['params', JSON.stringify(v.params)],
    ['artifacts', orDash(v.artifacts.join(', '))],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, val]) => `${k.padEnd(width)}  ${val}\n`).join('');
}
