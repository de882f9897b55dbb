import { startsLikeFormula } from '../panel/csv-number.format.js';
import { Occurrences, type FileCheckContext } from './check.context.js';

/**
 * Flags ids and names a spreadsheet would run as a formula (`=1+2`, `@SUM(A1)`, a leading tab):
 * a warning, since they are legal data, but CSV exports write them with a leading `'`, so they come
 * back changed from a round trip through such a file.
 */
export function checkFormulaLikeText(
  values: readonly string[],
  column: string,
  ctx: FileCheckContext,
): void {
  const found = new Occurrences(ctx.issues.maxExamples);
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (!startsLikeFormula(value) || seen.has(value)) return;
    seen.add(value);
    found.add(() => ({ line: ctx.lineOf(i), column, value }));
  });
  ctx.issues.addAll(
    'formula-like-text',
    'warning',
    `${column} values that start like a spreadsheet formula (=, +, -, @, tab, CR): CSV exports write them with a leading '`,
    found.count,
    found.examples,
    column,
  );
}
