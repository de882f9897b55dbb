import { TARGETS, type Target } from '../../data/series-panel.js';
import type { AccuracyReport } from '../../monitoring/accuracy/accuracy-scorer.js';
import { renderDriftHtml } from '../../monitoring/drift/drift-html.js';
import type { DriftReport } from '../../monitoring/drift/drift-report.js';
import type { CliCommand } from '../command.types.js';
import { optEnum, optInt, optString } from '../option-readers.js';
import { writeOutputText } from '../output-file.js';
import { printJson, type ModelCommandEnv } from './models-cli.context.js';
import { fetchReports, MONITOR_SOURCE_OPTIONS, MONITOR_SOURCE_USAGE } from './monitor-source.js';

const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '–');

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function renderAccuracy(reports: readonly AccuracyReport[], byCategory: boolean): string {
  if (reports.length === 0)
    return 'No accuracy report yet: post actuals and run the score-accuracy job.\n';
  return reports
    .map((r) => {
      const backtest = new Map(r.models.map((m) => [m.model_version, m.backtest?.wape ?? NaN]));
      const rows = r.rows
        .filter((row) => byCategory || row.category === 'all')
        .map((row) => [
          row.model_version === r.prod_model ? `${row.model_version} (prod)` : row.model_version,
          String(row.window_days),
          row.horizon_bucket,
          row.category,
          String(row.points),
          f3(row.wape),
          f3(row.mase),
          f3(row.bias),
          f3(row.pinball),
          f3(row.coverage),
          f3(backtest.get(row.model_version) ?? NaN),
        ]);
      const head = [
        'model',
        'window',
        'horizon',
        'category',
        'points',
        'wape',
        'mase',
        'bias',
        'pinball',
        'coverage',
        'backtest_wape',
      ];
      return `${r.target} as of ${r.as_of}\n${table(head, rows)}`;
    })
    .join('\n');
}

export function renderDrift(reports: readonly DriftReport[]): string {
  if (reports.length === 0) return 'No drift report yet: run the check-drift job.\n';
  return reports
    .map((r) => {
      const all = [...r.features, ...(r.predictions ? [r.predictions] : [])];
      const rows = all.map((f) => [f.feature, f3(f.psi), f3(f.ks), f3(f.ks_p_value), f.status]);
      return (
        `${r.target} ${r.model_version}: ${r.status}, ${(r.drifted_share * 100).toFixed(0)} % of features drifted ` +
        `(recent ${r.recent.from} … ${r.recent.to})\n${table(['feature', 'psi', 'ks', 'ks_p', 'status'], rows)}`
      );
    })
    .join('\n');
}

export function monitorAccuracyCommand(source: ModelCommandEnv = {}): CliCommand {
  return {
    path: ['monitor', 'accuracy'],
    summary: 'Live accuracy: logged forecasts scored on actuals, next to the backtest',
    usage: `freshcast monitor accuracy [--target T] [--window DAYS] [--model ID] [--by-category] [--json] ${MONITOR_SOURCE_USAGE}`,
    options: {
      target: { type: 'string' },
      window: { type: 'string' },
      model: { type: 'string' },
      'by-category': { type: 'boolean' },
      json: { type: 'boolean' },
      ...MONITOR_SOURCE_OPTIONS,
    },
    async run({ values, io }) {
      const target = optEnum<Target>(values, 'target', TARGETS);
      const window = optInt(values, 'window', 1, 366);
      const model = optString(values, 'model');
      const reports = (await fetchReports('accuracy', values, source, target)) as AccuracyReport[];
      for (const r of reports)
        r.rows = r.rows.filter(
          (row) =>
            (window === undefined || row.window_days === window) &&
            (model === undefined || row.model_version === model),
        );
      if (values.json === true) printJson(io, { reports });
      else io.out(renderAccuracy(reports, values['by-category'] === true));
      return 0;
    },
  };
}

export function monitorDriftCommand(source: ModelCommandEnv = {}): CliCommand {
  return {
    path: ['monitor', 'drift'],
    summary: "Drift of recent data and predictions from the prod model's training reference",
    usage: `freshcast monitor drift [--target T] [--html FILE] [--json] ${MONITOR_SOURCE_USAGE}`,
    options: {
      target: { type: 'string' },
      html: { type: 'string' },
      json: { type: 'boolean' },
      ...MONITOR_SOURCE_OPTIONS,
    },
    async run({ values, io }) {
      const target = optEnum<Target>(values, 'target', TARGETS);
      const reports = (await fetchReports('drift', values, source, target)) as DriftReport[];
      const html = optString(values, 'html');
      if (html !== undefined) {
        await writeOutputText(html, renderDriftHtml(reports, new Date().toISOString()));
        io.err(`drift report written to ${html}\n`);
      }
      if (values.json === true) printJson(io, { reports });
      else io.out(renderDrift(reports));
      return 0;
    },
  };
}

export const MONITOR_COMMANDS: readonly CliCommand[] = [
  monitorAccuracyCommand(),
  monitorDriftCommand(),
];
