import type { WholesaleColumns } from '../annex.types.js';
import { toEpochDay } from '../dates.js';
import { CodeIds, Occurrences, epochDays, spanOf, type FileCheckContext } from './check.context.js';
import { PRICE_BANDS, logMadBands } from './robust-stats.js';
import type { SalesFacts } from './sales.checks.js';
import type { DateSpan, IssueExample } from './validation-report.types.js';

const PRICE = 'Wholesale Price (RMB/kg)';
/** Selling price / wholesale price outside these bounds is suspicious (real data: 1st pct 0.99, 99th 4.5). */
export const MARKUP_BOUNDS = { low: 0.25, high: 10 } as const;

/**
 * annex3 checks: repeated (date, item) quotes, non-positive prices, items not in the master,
 * per-item price outliers, and the day's average selling price against the quote (markup).
 */
export function checkWholesale(
  w: WholesaleColumns,
  ids: CodeIds,
  masterSize: number | null,
  sales: SalesFacts | null,
  ctx: FileCheckContext,
): DateSpan | null {
  const { issues, lineOf } = ctx;
  const max = issues.maxExamples;
  const n = w.length;
  const item = new Int32Array(n);
  for (let i = 0; i < n; i++) item[i] = ids.id(w.itemCode[i]);
  const day = epochDays(w.date, n);
  const span = spanOf(day);
  const first = span === null ? 0 : toEpochDay(span.start);
  const spanDays = span?.days ?? 0;

  const firstRow = new Map<number, number>();
  const dup = new Occurrences(max);
  const conflict = new Occurrences(max);
  const badPrice = new Occurrences(max);
  const markup = new Occurrences(max);
  const unknown = new Set<number>();
  const unknownExamples: IssueExample[] = [];
  let unknownRows = 0;
  for (let i = 0; i < n; i++) {
    const p = w.price[i];
    const key = item[i] * spanDays + (day[i] - first);
    const at = firstRow.get(key);
    if (at === undefined) firstRow.set(key, i);
    else {
      const example = (): IssueExample => ({
        line: lineOf(i),
        value: `${w.date[i]} ${w.itemCode[i]}`,
        detail: `also on line ${lineOf(at)} (${w.price[at]} vs ${p})`,
      });
      if (w.price[at] === p) dup.add(example);
      else conflict.add(example);
    }
    if (!(p > 0)) badPrice.add(() => ({ line: lineOf(i), column: PRICE, value: String(p) }));
    if (masterSize !== null && item[i] >= masterSize) {
      unknownRows++;
      if (!unknown.has(item[i])) {
        unknown.add(item[i]);
        if (unknownExamples.length < max) {
          unknownExamples.push({ line: lineOf(i), value: w.itemCode[i] });
        }
      }
    }
    if (sales !== null && p > 0) {
      const d = day[i] - sales.firstDay;
      const slot = d >= 0 && d < sales.spanDays ? sales.slotOf(item[i] * sales.spanDays + d) : -1;
      if (slot >= 0 && sales.soldKg[slot] > 0) {
        const ratio = sales.revenue[slot] / sales.soldKg[slot] / p;
        if (ratio < MARKUP_BOUNDS.low || ratio > MARKUP_BOUNDS.high) {
          markup.add(() => ({
            line: lineOf(i),
            value: `${w.date[i]} ${w.itemCode[i]}`,
            detail: `selling ${(ratio * p).toFixed(2)} vs wholesale ${p} (×${ratio.toFixed(2)})`,
          }));
        }
      }
    }
  }
  issues.addAll(
    'duplicate-key',
    'warning',
    'repeated quotes for the same date and item (same price)',
    dup.count,
    dup.examples,
  );
  issues.addAll(
    'conflicting-key',
    'warning',
    'repeated quotes for the same date and item with different prices (they will be averaged)',
    conflict.count,
    conflict.examples,
  );
  issues.addAll(
    'non-positive-price',
    'warning',
    'quotes with a price of zero or less',
    badPrice.count,
    badPrice.examples,
  );
  issues.addAll(
    'unknown-item',
    'warning',
    `item codes not in the item master (${unknownRows} quotes)`,
    unknown.size,
    unknownExamples,
  );
  issues.addAll(
    'markup-outlier',
    'warning',
    `item-days whose average selling price is below ×${MARKUP_BOUNDS.low} or above ×${MARKUP_BOUNDS.high} the wholesale price`,
    markup.count,
    markup.examples,
  );

  const bands = logMadBands(w.price, item, ids.size, PRICE_BANDS);
  const out = new Occurrences(max);
  for (let i = 0; i < n; i++) {
    const p = w.price[i];
    const c = bands.center[item[i]];
    if (p > 0 && Math.abs(Math.log(p) - c) > bands.halfWidth[item[i]]) {
      out.add(() => ({
        line: lineOf(i),
        column: PRICE,
        value: String(p),
        detail: `item ${w.itemCode[i]}: median ${Math.exp(c).toFixed(2)}`,
      }));
    }
  }
  issues.addAll(
    'price-outlier',
    'warning',
    "wholesale prices far from the item's usual price (median ± 5 robust SD, at least ×/÷ 3)",
    out.count,
    out.examples,
  );
  return span;
}
