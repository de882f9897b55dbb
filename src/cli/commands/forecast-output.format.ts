import { roundFor, type WireTarget } from '../../common/wire-numbers.js';
import type { Forecast } from '../../forecasting/forecast.types.js';

/**
 * `freshcast predict` output. Values are rounded as the target reads (src/common/wire-numbers.ts:
 * kg to 3 decimals, prices to 4), the same as the API's answers.
 */

/** The forecasts with their values rounded, for `--json`. */
export function roundedForecasts(forecasts: Forecast[], target: WireTarget): Forecast[] {
  const round = roundFor(target);
  const all = (xs: ArrayLike<number>): number[] => Array.from(xs, round);
  return forecasts.map((f) => ({
    ...f,
    mean: all(f.mean),
    quantiles: { p10: all(f.quantiles.p10), p50: all(f.quantiles.p50), p90: all(f.quantiles.p90) },
  }));
}

/** `unique_id,ds,mean,p10,p50,p90` rows. */
export function forecastsCsv(forecasts: Forecast[], target: WireTarget): string {
  const r = (x: number): string => String(roundFor(target)(x));
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
export function forecastsTable(forecasts: Forecast[], target: WireTarget): string {
  const r = (x: number): string => String(roundFor(target)(x));
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
