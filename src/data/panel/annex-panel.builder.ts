import type { AnnexData, ItemMaster, LossRates } from '../annex.types.js';
import type { SeriesPanel, SeriesStatics } from '../series-panel.js';
import { aggregateSalesTyped } from './daily-sales.typed-aggregator.js';
import type { DailySalesCells, SalesAggregator } from './daily-sales.types.js';
import { buildAnnexAxes, type PanelAxes } from './panel-axes.builder.js';

export interface AnnexPanelOptions {
  /**
   * Groups the sales lines by item × day. Default: typed arrays (aggregateSalesTyped). The
   * benchmark and the tests also run arquero's group-by (bench/daily-sales.arquero-aggregator.ts),
   * which gives the same cells several times slower (docs/BENCHMARKS.md).
   */
  aggregate?: SalesAggregator;
}

/**
 * The daily panel (item × calendar day) from the retailer's four files.
 *
 * - listed = a wholesale quote or any sales line that day (a sale proves the item was on offer);
 * - listed day: quantity = net kg (0 without sales), revenue and return_kg are sums (0 without lines);
 * - unlisted day: every column is NaN (missing, not 0), including days on which the store had no rows;
 * - price = revenue of sale lines / kg of sale lines, discount_share = discounted sold kg / sold kg,
 *   both NaN unless sold kg > 0; wholesale = mean quote of the day (duplicates averaged), else NaN.
 */
export function buildAnnexPanel(data: AnnexData, options: AnnexPanelOptions = {}): SeriesPanel {
  const axes = buildAnnexAxes(data);
  const days = axes.dates.length;
  const aggregate = options.aggregate ?? aggregateSalesTyped;
  const sales = aggregate(data.sales, axes.seriesIndex, axes.dayIndex, days);
  const quotes = averageQuotes(data, axes);
  const listed = new Uint8Array(axes.seriesIds.length * days);
  for (let c = 0; c < listed.length; c++)
    listed[c] = sales.lines[c] > 0 || quotes[c] === quotes[c] ? 1 : 0;
  return {
    seriesIds: axes.seriesIds,
    dates: axes.dates,
    columns: panelColumns(sales, quotes, listed),
    listed,
    statics: annexStatics(axes.seriesIds, data.items, data.lossRates),
    source: 'annex',
  };
}

function panelColumns(
  sales: DailySalesCells,
  quotes: Float64Array,
  listed: Uint8Array,
): Map<string, Float32Array> {
  const n = listed.length;
  const quantity = new Float32Array(n);
  const revenue = new Float32Array(n);
  const price = new Float32Array(n);
  const discountShare = new Float32Array(n);
  const returnKg = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    const on = listed[c] === 1;
    quantity[c] = on ? sales.netKg[c] : NaN;
    revenue[c] = on ? sales.revenue[c] : NaN;
    returnKg[c] = on ? sales.returnKg[c] : NaN;
    const sold = sales.soldKg[c];
    price[c] = sold > 0 ? sales.soldRevenue[c] / sold : NaN;
    discountShare[c] = sold > 0 ? sales.discountKg[c] / sold : NaN;
  }
  return new Map([
    ['quantity', quantity],
    ['revenue', revenue],
    ['price', price],
    ['wholesale', Float32Array.from(quotes)],
    ['discount_share', discountShare],
    ['return_kg', returnKg],
  ]);
}

/** Mean wholesale quote per cell, NaN where there is none. Non-finite quotes are ignored. */
function averageQuotes(data: AnnexData, axes: PanelAxes): Float64Array {
  const days = axes.dates.length;
  const sum = new Float64Array(axes.seriesIds.length * days);
  const count = new Uint32Array(sum.length);
  const { date, itemCode, price } = data.wholesale;
  for (let i = 0; i < data.wholesale.length; i++) {
    const s = axes.seriesIndex.get(itemCode[i]);
    const t = axes.dayIndex.get(date[i]);
    if (s === undefined || t === undefined || !Number.isFinite(price[i])) continue;
    sum[s * days + t] += price[i];
    count[s * days + t]++;
  }
  for (let c = 0; c < sum.length; c++) sum[c] = count[c] > 0 ? sum[c] / count[c] : NaN;
  return sum;
}

/** Statics by item code; the first row wins when a code repeats. Unknown items get '' and NaN. */
function annexStatics(ids: string[], items: ItemMaster, loss: LossRates): SeriesStatics {
  const itemRow = firstRowByCode(items.code);
  const lossRow = firstRowByCode(loss.code);
  const lossRate = new Float32Array(ids.length);
  ids.forEach((id, s) => {
    const r = lossRow.get(id);
    lossRate[s] = r === undefined ? NaN : loss.lossRatePct[r] / 100;
  });
  const pick = (column: string[]): string[] =>
    ids.map((id) => {
      const r = itemRow.get(id);
      return r === undefined ? '' : column[r].trim();
    });
  return {
    name: pick(items.name),
    categoryCode: pick(items.categoryCode),
    categoryName: pick(items.categoryName),
    lossRate,
  };
}

function firstRowByCode(codes: string[]): Map<string, number> {
  const rows = new Map<string, number>();
  codes.forEach((code, r) => {
    if (!rows.has(code)) rows.set(code, r);
  });
  return rows;
}
