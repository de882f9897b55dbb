import { op, table, type ColumnTable } from 'arquero';
import type { SalesColumns } from '../src/data/annex.types.js';
import { emptyDailySalesCells, type DailySalesCells } from '../src/data/panel/daily-sales.types.js';

/**
 * Group by (date, item) with arquero, then scatter the groups onto the dense panel cells.
 * Arquero sums in row order, so the cells equal the typed-array engine's bit for bit.
 */
export function aggregateSalesArquero(
  sales: SalesColumns,
  seriesIndex: ReadonlyMap<string, number>,
  dayIndex: ReadonlyMap<string, number>,
  days: number,
): DailySalesCells {
  const n = sales.length;
  const groups = table({
    date: head(sales.date, n),
    item: head(sales.itemCode, n),
    qty: sales.quantity.subarray(0, n),
    price: sales.unitPrice.subarray(0, n),
    ret: sales.isReturn.subarray(0, n),
    disc: sales.discount.subarray(0, n),
  })
    .filter('d => op.is_finite(d.qty) && op.is_finite(d.price)')
    .derive({
      rev: 'd => d.qty * d.price',
      sold: 'd => d.ret ? 0 : d.qty',
      soldRev: 'd => d.ret ? 0 : d.qty * d.price',
      discKg: 'd => d.ret || !d.disc ? 0 : d.qty',
      retKg: 'd => d.ret ? op.abs(d.qty) : 0',
    })
    .groupby('date', 'item')
    .rollup({
      netKg: op.sum('qty'),
      revenue: op.sum('rev'),
      soldKg: op.sum('sold'),
      soldRevenue: op.sum('soldRev'),
      discountKg: op.sum('discKg'),
      returnKg: op.sum('retKg'),
      lines: op.count(),
    });

  const out = emptyDailySalesCells(seriesIndex.size * days);
  const dates = strings(groups, 'date');
  const items = strings(groups, 'item');
  const sums = {
    netKg: numbers(groups, 'netKg'),
    revenue: numbers(groups, 'revenue'),
    soldKg: numbers(groups, 'soldKg'),
    soldRevenue: numbers(groups, 'soldRevenue'),
    discountKg: numbers(groups, 'discountKg'),
    returnKg: numbers(groups, 'returnKg'),
  };
  const lines = numbers(groups, 'lines');
  for (let g = 0; g < dates.length; g++) {
    const s = seriesIndex.get(items[g]);
    const t = dayIndex.get(dates[g]);
    if (s === undefined || t === undefined) continue;
    const c = s * days + t;
    out.netKg[c] = sums.netKg[g];
    out.revenue[c] = sums.revenue[g];
    out.soldKg[c] = sums.soldKg[g];
    out.soldRevenue[c] = sums.soldRevenue[g];
    out.discountKg[c] = sums.discountKg[g];
    out.returnKg[c] = sums.returnKg[g];
    out.lines[c] = lines[g];
  }
  return out;
}

function strings(t: ColumnTable, name: string): string[] {
  return Array.from(t.array(name) as ArrayLike<unknown>, (v) => String(v));
}

function numbers(t: ColumnTable, name: string): Float64Array {
  const a: unknown = t.array(name, Float64Array);
  return a instanceof Float64Array ? a : Float64Array.from(a as ArrayLike<number>);
}

function head(values: string[], n: number): string[] {
  return values.length === n ? values : values.slice(0, n);
}
