import type { SalesColumns } from '../annex.types.js';
import { emptyDailySalesCells, type DailySalesCells } from './daily-sales.types.js';

/**
 * One pass over the lines: item code and date are dictionary-encoded through the axes' maps into a
 * dense cell index, and the sums accumulate straight into typed arrays.
 */
export function aggregateSalesTyped(
  sales: SalesColumns,
  seriesIndex: ReadonlyMap<string, number>,
  dayIndex: ReadonlyMap<string, number>,
  days: number,
): DailySalesCells {
  const out = emptyDailySalesCells(seriesIndex.size * days);
  const { netKg, revenue, soldKg, soldRevenue, discountKg, returnKg, lines } = out;
  const { date, itemCode, quantity, unitPrice, isReturn, discount } = sales;
  for (let i = 0; i < sales.length; i++) {
    const qty = quantity[i];
    const price = unitPrice[i];
    if (!Number.isFinite(qty) || !Number.isFinite(price)) continue;
    const s = seriesIndex.get(itemCode[i]);
    const t = dayIndex.get(date[i]);
    if (s === undefined || t === undefined) continue;
    const c = s * days + t;
    const rev = qty * price;
    netKg[c] += qty;
    revenue[c] += rev;
    lines[c]++;
    if (isReturn[i]) {
      returnKg[c] += Math.abs(qty);
    } else {
      soldKg[c] += qty;
      soldRevenue[c] += rev;
      if (discount[i]) discountKg[c] += qty;
    }
  }
  return out;
}
