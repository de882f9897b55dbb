/** Calendar dates as ISO `YYYY-MM-DD` strings and as UTC epoch days (integers). No time zones involved. */
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of an ISO date, or NaN when the text is not a real calendar date. */
export function toEpochDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return NaN;
  return ms / MS_PER_DAY;
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
