import type { ItemMaster, LossRates } from '../annex.types.js';
import { Occurrences, type FileCheckContext } from './check.context.js';
import type { IssueExample } from './validation-report.types.js';

/**
 * annex4 checks: repeated codes (same rate → warning, different → error), rates outside 0–100 %,
 * rates that look like fractions, codes not in the master and master items without a rate.
 */
export function checkLossRates(
  loss: LossRates,
  master: ItemMaster | null,
  ctx: FileCheckContext,
): void {
  const { issues, lineOf } = ctx;
  const max = issues.maxExamples;
  const rateOf = new Map<string, number>();
  const dup = new Occurrences(max);
  const conflict = new Occurrences(max);
  const range = new Occurrences(max);
  let maxRate = -Infinity;
  loss.code.forEach((code, i) => {
    const rate = loss.lossRatePct[i];
    maxRate = Math.max(maxRate, rate);
    if (rate < 0 || rate > 100) {
      range.add(() => ({ line: lineOf(i), value: String(rate), detail: `item ${code}` }));
    }
    const at = rateOf.get(code);
    if (at === undefined) rateOf.set(code, i);
    else {
      const example = (): IssueExample => ({
        line: lineOf(i),
        value: code,
        detail: `also on line ${lineOf(at)} (${loss.lossRatePct[at]} vs ${rate})`,
      });
      if (loss.lossRatePct[at] === rate) dup.add(example);
      else conflict.add(example);
    }
  });
  issues.addAll(
    'duplicate-key',
    'warning',
    'repeated item codes (same rate)',
    dup.count,
    dup.examples,
  );
  issues.addAll(
    'conflicting-key',
    'error',
    'repeated item codes with different loss rates',
    conflict.count,
    conflict.examples,
  );
  issues.addAll(
    'loss-rate-out-of-range',
    'error',
    'loss rates outside 0–100 %',
    range.count,
    range.examples,
  );
  if (loss.code.length >= 5 && maxRate > 0 && maxRate <= 1) {
    issues.add(
      'loss-rate-scale',
      'warning',
      'every loss rate is at most 1: were they written as fractions? Percent (0–100) is expected',
      { detail: `largest rate ${maxRate}` },
    );
  }
  if (master === null) return;
  const known = new Set(master.code);
  const unknown = [...rateOf].filter(([code]) => !known.has(code));
  issues.addAll(
    'unknown-item',
    'warning',
    'item codes not in the item master',
    unknown.length,
    unknown.map(([code, i]) => ({ line: lineOf(i), value: code })),
  );
  const missing = [...known].filter((code) => !rateOf.has(code));
  const nameOf = new Map(master.code.map((c, i) => [c, master.name[i]]));
  issues.addAll(
    'missing-loss-rate',
    'warning',
    'items of the item master without a loss rate',
    missing.length,
    missing.slice(0, max).map((code) => ({ value: code, detail: nameOf.get(code) ?? '' })),
  );
}
