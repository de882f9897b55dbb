import { toEpochDay } from '../dates.js';

/** Why a field value was refused; becomes an issue message. */
export interface FieldProblem {
  problem: string;
}

export function isProblem(v: unknown): v is FieldProblem {
  return typeof v === 'object' && v !== null && 'problem' in v;
}

const YMD =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YMD_CN = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DMY_OR_MDY = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?:\s.*)?$/;
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;

function iso(y: string, m: string, d: string): string | FieldProblem {
  const text = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return Number.isNaN(toEpochDay(text)) ? { problem: 'not a calendar date' } : text;
}

/**
 * A date as users write it, normalised to ISO `YYYY-MM-DD`: `2020-07-01`, `2020/7/1`,
 * `2020.7.1`, `20200701`, `2020年7月1日`, optionally followed by a time of day (ignored).
 * Day-first / month-first forms are refused as ambiguous.
 */
export function parseDateText(text: string): string | FieldProblem {
  if (text === '') return { problem: 'empty' };
  let m = YMD.exec(text);
  if (m) return iso(m[1], m[3], m[4]);
  m = YMD_CN.exec(text) ?? YMD_COMPACT.exec(text);
  if (m) return iso(m[1], m[2], m[3]);
  if (DMY_OR_MDY.test(text)) {
    return { problem: 'day/month order is ambiguous: write dates as YYYY-MM-DD' };
  }
  if (EXCEL_SERIAL.test(text)) {
    return { problem: 'looks like an Excel date serial number: format the column as a date' };
  }
  return { problem: 'not a date (expected YYYY-MM-DD)' };
}

const SCIENTIFIC = /^\d+(?:\.\d+)?[eE][+-]?\d+$/;
const TRAILING_ZERO_DECIMALS = /^(\d+)\.0+$/;
/** Spreadsheet ways of forcing text: `'102900005117056` and `="102900005117056"`. */
const FORCED_TEXT = /^(?:'(.+)|="(.*)")$/;

/**
 * An item (or category) code, kept as text. `102900005117056.0` loses its `.0`, `'…` and `="…"`
 * (spreadsheet text markers) are unwrapped; codes that a spreadsheet turned into scientific
 * notation (`1.02900005117056E+14`) are refused: digits are lost.
 */
export function parseCodeText(raw: string): string | FieldProblem {
  const forced = FORCED_TEXT.exec(raw);
  const text = forced ? (forced[1] ?? forced[2]).trim() : raw;
  if (text === '') return { problem: 'empty' };
  if (SCIENTIFIC.test(text)) {
    return {
      problem: 'code in scientific notation (a spreadsheet rounded it): keep codes as text',
    };
  }
  const m = TRAILING_ZERO_DECIMALS.exec(text);
  return m ? m[1] : text;
}

const SALE_WORDS = new Set(['sale', 'sales', 'sold', 's', '销售', '售出']);
const RETURN_WORDS = new Set(['return', 'returns', 'returned', 'refund', 'r', '退货', '退']);

/** "Sale or Return": 0 sale, 1 return, -1 unknown, -2 blank. */
export function parseSaleType(text: string): number {
  if (text === '') return -2;
  const t = text.toLowerCase();
  if (SALE_WORDS.has(t)) return 0;
  if (RETURN_WORDS.has(t)) return 1;
  return -1;
}

const YES_WORDS = new Set(['yes', 'y', 'true', '1', '是', '打折']);
const NO_WORDS = new Set(['no', 'n', 'false', '0', '否', '不打折']);

/** Yes/No flag: 1 yes, 0 no, -1 unknown, -2 blank. */
export function parseYesNo(text: string): number {
  if (text === '') return -2;
  const t = text.toLowerCase();
  if (YES_WORDS.has(t)) return 1;
  if (NO_WORDS.has(t)) return 0;
  return -1;
}

function digitAt(t: string, i: number): number {
  const c = t.charCodeAt(i);
  return c >= 48 && c <= 57 ? c - 48 : -1;
}

function twoDigits(t: string, i: number, max: number): boolean {
  const a = digitAt(t, i);
  const b = digitAt(t, i + 1);
  return a >= 0 && b >= 0 && a * 10 + b <= max;
}

/** A time of day as written: `9:15`, `09:15:07`, `09:15:07.924` (checked without allocating). */
export function isTimeText(t: string): boolean {
  const h1 = digitAt(t, 0);
  if (h1 < 0) return false;
  let i = 1;
  let hour = h1;
  const h2 = digitAt(t, 1);
  if (h2 >= 0) {
    hour = h1 * 10 + h2;
    i = 2;
  }
  if (hour > 23 || t.charCodeAt(i) !== 58 || !twoDigits(t, i + 1, 59)) return false;
  i += 3;
  if (i === t.length) return true;
  if (t.charCodeAt(i) !== 58 || !twoDigits(t, i + 1, 60)) return false;
  i += 3;
  if (i === t.length) return true;
  if (t.charCodeAt(i) !== 46 || i + 1 === t.length) return false;
  for (i++; i < t.length; i++) if (digitAt(t, i) < 0) return false;
  return true;
}
