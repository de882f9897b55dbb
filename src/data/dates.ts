/** Calendar dates as ISO `YYYY-MM-DD` strings and as UTC epoch days (integers). No time zones involved. */
const MS_PER_DAY = 86_400_000;

/**
 * Epoch day of an ISO `YYYY-MM-DD` date, or NaN when the text is not a real calendar date (years
 * before 100 included). Integer arithmetic, no RegExp and no Date: data loading and on-demand
 * requests parse every day they see.
 */
export function toEpochDay(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return NaN;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = iso.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    y = y * 10 + c;
  }
  const m1 = iso.charCodeAt(5) - 48;
  const m2 = iso.charCodeAt(6) - 48;
  const d1 = iso.charCodeAt(8) - 48;
  const d2 = iso.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  // Days from civil (H. Hinnant): March-based years, 400-year eras.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The last day written YYYY-MM-DD: the day after it is `+010000-01-01`, which no date reader takes. */
export const LAST_ISO_DAY = '9999-12-31';

/** Whether the day `days` days after `iso` lies past LAST_ISO_DAY (has no YYYY-MM-DD text). */
export function runsPastLastIsoDay(iso: string, days: number): boolean {
  return toEpochDay(iso) + days > toEpochDay(LAST_ISO_DAY);
}

export function fromEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return fromEpochDay(toEpochDay(iso) + n);
}

/** Consecutive ISO dates from `start` to `end` inclusive. */
export function dateRange(start: string, end: string): string[] {
  const a = toEpochDay(start);
  const b = toEpochDay(end);
  const out: string[] = [];
  for (let d = a; d <= b; d++) out.push(fromEpochDay(d));
  return out;
}

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export function isoDayOfWeek(iso: string): number {
  const dow = new Date(toEpochDay(iso) * MS_PER_DAY).getUTCDay();
  return dow === 0 ? 7 : dow;
}

export function isIsoDate(s: string): boolean {
  return !Number.isNaN(toEpochDay(s));
}
