import type { Forecast } from '../../forecasting/forecast.types.js';

const r = (x: number): string => (Math.round(x * 1000) / 1000).toString();

/** `unique_id,ds,mean,p10,p50,p90` rows. */
export function forecastsCsv(forecasts: Forecast[]): string {
  const lines = ['unique_id,ds,mean,p10,p50,p90'];
  for (const f of forecasts) {
    f.dates.forEach((d, i) => {
      lines.push(
        `${f.seriesId},${d},${r(f.mean[i])},${r(f.quantiles.p10[i])},${r(f.quantiles.p50[i])},${r(f.quantiles.p90[i])}`,
      );
    });
  }
  return lines.join('\n') + '\n';
}

/** An aligned table for people. */
export function forecastsTable(forecasts: Forecast[]): string {
  const header = ['series', 'date', 'p10', 'p50', 'p90', 'mean'];
  const rows: string[][] = [];
  for (const f of forecasts) {
    f.dates.forEach((d, i) =>
      rows.push([
        f.seriesId,
        d,
        r(f.quantiles.p10[i]),
        r(f.quantiles.p50[i]),
        r(f.quantiles.p90[i]),
        r(f.mean[i]),
      ]),
    );
  }
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const fmt = (row: string[]): string =>
    row.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [fmt(header), ...rows.map(fmt)].join('\n') + '\n';
}
