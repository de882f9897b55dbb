import type { ItemMaster } from '../annex.types.js';
import { Occurrences, type FileCheckContext } from './check.context.js';
import { checkFormulaLikeText } from './formula-text.checks.js';
import type { IssueExample } from './validation-report.types.js';

/**
 * annex1 checks: repeated codes (identical → warning, different category → error), shared names,
 * codes and names that look like spreadsheet formulas.
 */
export function checkItems(items: ItemMaster, ctx: FileCheckContext): void {
  const { issues, lineOf } = ctx;
  const max = issues.maxExamples;
  const firstRow = new Map<string, number>();
  const dup = new Occurrences(max);
  const conflict = new Occurrences(max);
  const codesByName = new Map<string, string[]>();
  items.code.forEach((code, i) => {
    const at = firstRow.get(code);
    if (at === undefined) {
      firstRow.set(code, i);
      const name = items.name[i];
      if (name !== '') codesByName.set(name, [...(codesByName.get(name) ?? []), code]);
      return;
    }
    const example = (): IssueExample => ({
      line: lineOf(i),
      value: code,
      detail: `also on line ${lineOf(at)}`,
    });
    const sameCategory = items.categoryCode[at] === items.categoryCode[i];
    if (sameCategory && items.name[at] === items.name[i]) dup.add(example);
    else conflict.add(example);
  });
  issues.addAll(
    'duplicate-key',
    'warning',
    'repeated item codes (identical rows)',
    dup.count,
    dup.examples,
  );
  issues.addAll(
    'conflicting-key',
    'error',
    'repeated item codes with a different name or category: which one is right?',
    conflict.count,
    conflict.examples,
  );
  const shared = [...codesByName].filter(([, codes]) => codes.length > 1);
  issues.addAll(
    'repeated-item-name',
    'info',
    'item names used by several codes (joins use codes, so this is fine)',
    shared.length,
    shared.slice(0, max).map(([name, codes]) => ({ value: name, detail: codes.join(', ') })),
  );
  checkFormulaLikeText(items.code, 'item code', ctx);
  checkFormulaLikeText(items.name, 'item name', ctx);
}
