import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleDir } from '../console/console-assets.js';
import { addDays, toEpochDay } from '../data/dates.js';
import { cell, type SeriesPanel, type Target } from '../data/series-panel.js';
import { isChinesePublicHoliday } from '../features/public-holiday.calendar.js';
import type { BacktestResult } from '../evaluation/backtest.types.js';
import type { Forecast } from '../forecasting/forecast.types.js';
import { CommandError } from './cli.errors.js';
import { checkOutputFile } from './output-paths.js';
import { writeOutputText } from './output-file.js';
import type { ReportData } from '../common/report-data.types.js';

/** Items plotted in a report at most. */
export const REPORT_MAX_ITEMS = 12;
/** Days of history drawn before each forecast. */
const HISTORY_DAYS = 90;

const finite = (v: number): number | null =>
  Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null;

/**
 * A self-contained HTML page: the report script and styles and the data inlined, so it opens from
 * disk with no server and no network.
 */
export function renderHtmlReport(data: ReportData): string {
  const dir = consoleDir();
  const script = join(dir, 'report.js');
  if (!existsSync(script))
    throw new CommandError(`the report script is not built (no ${script}); run \`npm run build\``);
  const js = readFileSync(script, 'utf8').replace(/<\/(script)/gi, '<\\/$1');
  const css = readFileSync(join(dir, 'report.css'), 'utf8').replace(/<\/(style)/gi, '<\\/$1');
  // JSON inside <script>: `<` escaped so no `</script>` or `<!--` can end or alter the element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const title = data.title.replace(/[<&>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${css}</style>
</head>
<body>
<main id="report"></main>
<script type="application/json" id="report-data">${json}</script>
<script>${js}</script>
</body>
</html>
`;
}

/** Refuses, before any work, a report path whose folder does not exist or that is a folder. */
export function checkReportPath(file: string): void {
  checkOutputFile('--html', file);
}

/**
 * Writes the report (beside the file, then renamed: a failed write leaves no truncated page); a file
 * that cannot be written is a CLI error (non-zero exit), not a crash.
 */
export async function writeHtmlReport(file: string, data: ReportData): Promise<void> {
  const html = renderHtmlReport(data);
  await writeOutputText(file, html);
}

/** One item's plot: the panel's last HISTORY_DAYS days before the forecast (and after, when known) and the forecast. */
export function itemPlot(
  panel: SeriesPanel,
  target: Target,
  f: Forecast,
  label: string,
): ReportData['items'][number] {
  const s = panel.seriesIds.indexOf(f.seriesId);
  const column = panel.columns.get(target);
  const first = panel.dates[0];
  const from = addDays(f.dates[0], -HISTORY_DAYS);
  const to = f.dates[f.dates.length - 1];
  const days: ReportData['items'][number]['days'] = [];
  if (s >= 0 && column)
    for (let t = Math.max(0, toEpochDay(from) - toEpochDay(first)); t < panel.dates.length; t++) {
      const date = panel.dates[t];
      if (date > to) break;
      days.push({
        date,
        value: finite(column[cell(panel, s, t)]),
        holiday: isChinesePublicHoliday(date),
      });
    }
  const name = s >= 0 ? panel.statics.name[s] : '';
  return {
    item_code: f.seriesId,
    title: `${name ? `${name} ` : ''}${f.seriesId} · ${label}`,
    unit: target === 'quantity' ? 'kg' : 'RMB/kg',
    days,
    forecast: f.dates.map((date, h) => ({
      date,
      p10: finite(f.quantiles.p10[h]) ?? 0,
      p50: finite(f.quantiles.p50[h]) ?? 0,
      p90: finite(f.quantiles.p90[h]) ?? 0,
      holiday: isChinesePublicHoliday(date),
    })),
    past: [],
  };
}

/** The items to plot: the ones asked for, else the largest sellers among those forecast. */
export function itemsToPlot(
  panel: SeriesPanel,
  target: Target,
  forecasts: readonly Forecast[],
): Forecast[] {
  const column = panel.columns.get(target);
  const T = panel.dates.length;
  const volume = (id: string): number => {
    const s = panel.seriesIds.indexOf(id);
    let sum = 0;
    if (s >= 0 && column)
      for (let t = Math.max(0, T - 90); t < T; t++)
        sum += Number.isFinite(column[s * T + t]) ? column[s * T + t] : 0;
    return sum;
  };
  return [...forecasts]
    .sort((a, b) => volume(b.seriesId) - volume(a.seriesId))
    .slice(0, REPORT_MAX_ITEMS);
}

/** A backtest's report: leaderboard, WAPE and bias by horizon, the best model's last-window forecasts. */
export function backtestReport(panel: SeriesPanel, result: BacktestResult): ReportData {
  // The horizon steps the backtest scored separately (by_horizon keys), ascending.
  const steps = [
    ...new Set(result.models.flatMap((m) => Object.keys(m.by_horizon).map(Number))),
  ].sort((a, b) => a - b);
  const byHorizon = (metric: 'wape' | 'bias'): ReportData['horizons'][number]['lines'] =>
    result.models.map((m) => ({
      label: m.name,
      values: steps.map((h) => finite(m.by_horizon[h]?.[metric] ?? Number.NaN)),
    }));
  const best = result.leaderboard.find((r) => !r.is_baseline) ?? result.leaderboard[0];
  const model = result.models.find((m) => m.name === best?.name);
  const lastCutoff = result.cutoffs[result.cutoffs.length - 1];
  const forecasts = model?.forecasts?.[lastCutoff] ?? [];
  return {
    title: `freshcast backtest: ${result.target}`,
    subtitle: `horizon ${result.horizon} days, cutoffs ${result.cutoffs.join(', ')}; P50 scored against actuals`,
    generated_at: new Date().toISOString(),
    leaderboard: result.leaderboard.map((r) => ({
      name: r.name,
      wape: r.wape,
      baseline: r.is_baseline,
      mase: finite(r.mase),
      bias: finite(r.bias),
      coverage: finite(r.coverage_p10_p90),
    })),
    horizons: [
      { metric: 'WAPE by days ahead', steps, lines: byHorizon('wape') },
      {
        metric: 'Bias (mean residual / mean actual) by days ahead',
        steps,
        lines: byHorizon('bias'),
      },
    ],
    items: itemsToPlot(panel, result.target, forecasts).map((f) =>
      itemPlot(
        panel,
        result.target,
        f,
        `${best?.name ?? ''} from cutoff ${lastCutoff}, actuals after it`,
      ),
    ),
  };
}

/** A forecast's report: the forecast of the largest sellers (or the items asked for) with their recent history. */
export function predictReport(
  panel: SeriesPanel,
  target: Target,
  modelLabel: string,
  forecasts: readonly Forecast[],
): ReportData {
  return {
    title: `freshcast forecast: ${target}`,
    subtitle: `${modelLabel}, ${forecasts.length} series, ${forecasts[0]?.dates.length ?? 0} days from ${forecasts[0]?.dates[0] ?? '–'}`,
    generated_at: new Date().toISOString(),
    leaderboard: [],
    horizons: [],
    items: itemsToPlot(panel, target, forecasts).map((f) => itemPlot(panel, target, f, modelLabel)),
  };
}
