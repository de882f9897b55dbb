import type { SalesColumns } from '../annex.types.js';
import { fromEpochDay, toEpochDay } from '../dates.js';
import {
  CodeIds,
  Occurrences,
  dayRuns,
  epochDays,
  spanOf,
  type FileCheckContext,
} from './check.context.js';
import { PRICE_BANDS, logMadBands } from './robust-stats.js';
import type { DateSpan, IssueExample } from './validation-report.types.js';

/** What the sales checks learnt, for the checks of the other files. */
export interface SalesFacts {
  span: DateSpan | null;
  firstDay: number;
  spanDays: number;
  /** Slot of an item-day (key = itemId × spanDays + (day − firstDay)); -1 without sales lines. */
  slotOf: (key: number) => number;
  /** kg sold (sale lines with a positive price) per slot. */
  soldKg: number[];
  /** Revenue of those lines per slot. */
  revenue: number[];
  /** Sales lines per item id (ids as in the shared CodeIds at the time of the check). */
  linesPerItem: Int32Array;
  distinctItems: number;
}

const PRICE = 'Unit Selling Price (RMB/kg)';
const QTY = 'Quantity Sold (kilo)';

/**
 * annex2 checks: exact duplicate lines, zero quantities, sale/return sign mismatches, returns,
 * non-positive prices, items not in the master, dates without any line, item-days with net ≤ 0,
 * per-item price outliers (median ± k·MAD of log price).
 * `masterSize`: ids below it are the item master's (null without a master).
 */
export function checkSales(
  sales: SalesColumns,
  ids: CodeIds,
  masterSize: number | null,
  ctx: FileCheckContext,
): SalesFacts {
  const { issues, lineOf } = ctx;
  const max = issues.maxExamples;
  const n = sales.length;
  const item = new Int32Array(n);
  for (let i = 0; i < n; i++) item[i] = ids.id(sales.itemCode[i]);
  const day = epochDays(sales.date, n);
  const span = spanOf(day);
  const firstDay = span === null ? 0 : toEpochDay(span.start);
  const spanDays = span?.days ?? 0;

  const hasDay = new Uint8Array(spanDays);
  const slots = new ItemDaySlots(ids.size * spanDays);
  const slotKey: number[] = [];
  const net: number[] = [];
  const soldKg: number[] = [];
  const revenue: number[] = [];
  const linesPerItem = new Int32Array(ids.size);
  const zero = new Occurrences(max);
  const sign = new Occurrences(max);
  const badPrice = new Occurrences(max);
  let returns = 0;
  let returnKg = 0;
  const { quantity: qty, unitPrice: price, isReturn } = sales;

  for (let i = 0; i < n; i++) {
    const q = qty[i];
    const p = price[i];
    const ret = isReturn[i] === 1;
    const d = day[i] - firstDay;
    hasDay[d] = 1;
    linesPerItem[item[i]]++;
    const key = item[i] * spanDays + d;
    let slot = slots.get(key);
    if (slot < 0) {
      slot = net.length;
      slots.set(key, slot);
      slotKey.push(key);
      net.push(0);
      soldKg.push(0);
      revenue.push(0);
    }
    net[slot] += q;
    if (!ret && q > 0 && p > 0) {
      soldKg[slot] += q;
      revenue[slot] += q * p;
    }
    if (q === 0) zero.add(() => ({ line: lineOf(i), column: QTY, value: '0' }));
    if (ret ? q > 0 : q < 0) {
      const what = ret ? 'a return with a positive quantity' : 'a sale with a negative quantity';
      sign.add(() => ({ line: lineOf(i), column: QTY, value: String(q), detail: what }));
    }
    if (ret) {
      returns++;
      returnKg += Math.abs(q);
    }
    if (!(p > 0)) badPrice.add(() => ({ line: lineOf(i), column: PRICE, value: String(p) }));
  }

  issues.addAll(
    'zero-quantity',
    'warning',
    'lines with a zero quantity',
    zero.count,
    zero.examples,
  );
  issues.addAll(
    'sign-mismatch',
    'warning',
    'lines whose Sale/Return type disagrees with the sign of the quantity',
    sign.count,
    sign.examples,
  );
  issues.addAll(
    'returns',
    'info',
    `return lines (${returnKg.toFixed(1)} kg returned in all)`,
    returns,
    [],
  );
  issues.addAll(
    'non-positive-price',
    'warning',
    'lines with a unit price of zero or less',
    badPrice.count,
    badPrice.examples,
  );
  exactDuplicates(sales, item, day, ctx);
  unknownItems(sales, item, masterSize, ctx);

  const missingDays: number[] = [];
  for (let d = 0; d < spanDays; d++) if (hasDay[d] === 0) missingDays.push(firstDay + d);
  issues.addAll(
    'dates-without-rows',
    'warning',
    'dates inside the date range without any sales line (store closed? data lost?)',
    missingDays.length,
    dayRuns(missingDays).map((run) => ({ value: run })),
  );

  const netLow = new Occurrences(max);
  for (let s = 0; s < net.length; s++) {
    if (net[s] <= 0) {
      const code = ids.codes[Math.floor(slotKey[s] / spanDays)];
      const date = fromEpochDay(firstDay + (slotKey[s] % spanDays));
      netLow.add(() => ({ value: `${code} ${date}`, detail: `net ${net[s].toFixed(3)} kg` }));
    }
  }
  issues.addAll(
    'non-positive-net-day',
    'warning',
    'item-days whose net quantity is zero or less (returns outweigh sales)',
    netLow.count,
    netLow.examples,
  );

  priceOutliers(sales, item, ids, ctx);
  let distinctItems = 0;
  for (const c of linesPerItem) if (c > 0) distinctItems++;
  const slotOf = (key: number): number => slots.get(key);
  return { span, firstDay, spanDays, slotOf, soldKg, revenue, linesPerItem, distinctItems };
}

/** Item-day → slot: a dense table when items × days is moderate (real data: 275k), a Map beyond. */
class ItemDaySlots {
  private readonly dense: Int32Array | null;
  private readonly sparse = new Map<number, number>();

  constructor(cells: number) {
    this.dense = cells <= 1 << 24 ? new Int32Array(cells).fill(-1) : null;
  }

  get(key: number): number {
    if (this.dense === null) return this.sparse.get(key) ?? -1;
    return key < this.dense.length ? this.dense[key] : -1;
  }

  set(key: number, slot: number): void {
    if (this.dense !== null) this.dense[key] = slot;
    else this.sparse.set(key, slot);
  }
}

/** Lines identical in every field (date, time, item, quantity, price, type, discount). */
function exactDuplicates(
  sales: SalesColumns,
  item: Int32Array,
  day: Int32Array,
  ctx: FileCheckContext,
): void {
  const n = sales.length;
  const { time, quantity, unitPrice, isReturn, discount } = sales;
  let size = 1024;
  while (size < n * 2) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const mask = size - 1;
  const scratch = new Float64Array(2);
  const bits = new Int32Array(scratch.buffer);
  const dup = new Occurrences(ctx.issues.maxExamples);
  const same = (a: number, b: number): boolean =>
    item[a] === item[b] &&
    day[a] === day[b] &&
    quantity[a] === quantity[b] &&
    unitPrice[a] === unitPrice[b] &&
    isReturn[a] === isReturn[b] &&
    discount[a] === discount[b] &&
    time[a] === time[b];
  for (let i = 0; i < n; i++) {
    scratch[0] = quantity[i];
    scratch[1] = unitPrice[i];
    let h = Math.imul(item[i] ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(day[i], 0xc2b2ae35);
    for (let k = 0; k < 4; k++) h = Math.imul(h ^ bits[k], 0x01000193);
    const t = time[i];
    for (let k = 0; k < t.length; k++) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
    h = (h ^ (isReturn[i] << 1) ^ discount[i]) >>> 0;
    let s = h & mask;
    for (;;) {
      const at = table[s];
      if (at < 0) {
        table[s] = i;
        break;
      }
      if (same(at, i)) {
        dup.add(() => ({ line: ctx.lineOf(i), detail: `same as line ${ctx.lineOf(at)}` }));
        break;
      }
      s = (s + 1) & mask;
    }
  }
  ctx.issues.addAll(
    'duplicate-key',
    'warning',
    'lines that exactly repeat an earlier line (date, time, item, quantity, price, type, discount)',
    dup.count,
    dup.examples,
  );
}

function unknownItems(
  sales: SalesColumns,
  item: Int32Array,
  masterSize: number | null,
  ctx: FileCheckContext,
): void {
  if (masterSize === null) return;
  const seen = new Set<number>();
  const examples: IssueExample[] = [];
  let rows = 0;
  for (let i = 0; i < sales.length; i++) {
    if (item[i] < masterSize) continue;
    rows++;
    if (!seen.has(item[i])) {
      seen.add(item[i]);
      if (examples.length < ctx.issues.maxExamples) {
        examples.push({ line: ctx.lineOf(i), value: sales.itemCode[i] });
      }
    }
  }
  ctx.issues.addAll(
    'unknown-item',
    'warning',
    `item codes not in the item master (${rows} sales lines)`,
    seen.size,
    examples,
  );
}

function priceOutliers(
  sales: SalesColumns,
  item: Int32Array,
  ids: CodeIds,
  ctx: FileCheckContext,
): void {
  const n = sales.length;
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = sales.isReturn[i] === 1 ? -1 : item[i];
  const bands = logMadBands(sales.unitPrice, group, ids.size, PRICE_BANDS);
  const out = new Occurrences(ctx.issues.maxExamples);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    const p = sales.unitPrice[i];
    if (g < 0 || !(p > 0)) continue;
    const c = bands.center[g];
    if (Math.abs(Math.log(p) - c) > bands.halfWidth[g]) {
      out.add(() => ({
        line: ctx.lineOf(i),
        column: PRICE,
        value: String(p),
        detail: `item ${ids.codes[g]}: median ${Math.exp(c).toFixed(2)}`,
      }));
    }
  }
  ctx.issues.addAll(
    'price-outlier',
    'warning',
    "unit prices far from the item's usual price (median ± 5 robust SD, at least ×/÷ 3)",
    out.count,
    out.examples,
  );
}
