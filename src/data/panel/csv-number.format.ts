/**
 * Short decimal text that reads back (parseFloat, then Math.fround) as the same float32 value: the
 * first of 7, 8, 9 significant digits that does, trailing zeros dropped ("19.639", not
 * "19.6389999"); '' for NaN (missing). Integers print as integers.
 */
export function formatFloat32(x: number): string {
  if (x !== x) return '';
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  for (let digits = 7; digits < 9; digits++) {
    const text = x.toPrecision(digits);
    if (Math.fround(Number(text)) === x) return withoutTrailingZeros(text);
  }
  return withoutTrailingZeros(x.toPrecision(9));
}

/** "1.2300" → "1.23", "4.000" → "4", "1.50000e-7" → "1.5e-7". */
function withoutTrailingZeros(text: string): string {
  const e = text.indexOf('e');
  if (e >= 0) return withoutTrailingZeros(text.slice(0, e)) + text.slice(e);
  if (text.indexOf('.') < 0) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // '0'
  if (text.charCodeAt(end - 1) === 46) end--; // '.'
  return text.slice(0, end);
}

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** First characters that make a spreadsheet run a cell as a formula: `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/** True when a spreadsheet would run `text` as a formula (it starts with =, +, -, @, tab or CR). */
export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_START.has(text.charCodeAt(0));
}

/**
 * A text field of an exported CSV (an id, a name): a value a spreadsheet would run as a formula
 * (`=1+2`, `@SUM(...)`, `-2+3`) gets a leading `'` so it opens as text, then RFC 4180 quoting.
 */
export function csvTextField(text: string): string {
  return csvField(startsLikeFormula(text) ? `'${text}` : text);
}
