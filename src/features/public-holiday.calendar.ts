import Holidays from 'date-holidays';
import { isInOfficialHolidayTable } from '../data/chinese-calendar.js';
import { dateRange } from '../data/dates.js';

const byYear = new Map<number, ReadonlySet<string>>();
let cnRules: Holidays | undefined;

/**
 * Chinese statutory days off of a year, as ISO dates. Years in chinese-days' official tables (which
 * know the State Council's actual spans) come from there; later years, not yet announced, fall back
 * to date-holidays' CN rules (full-day public holidays for everyone: its partial-day or group-only
 * days such as Women's Day or Children's Day are left out).
 */
export function publicHolidaysOf(year: number): ReadonlySet<string> {
  let days = byYear.get(year);
  if (!days) {
    days = isInOfficialHolidayTable(`${year}-01-01`)
      ? fromChineseDays(year)
      : fromDateHolidays(year);
    byYear.set(year, days);
  }
  return days;
}

/** A statutory day off in China (weekends as such are not holidays). */
export function isChinesePublicHoliday(iso: string): boolean {
  return publicHolidaysOf(Number(iso.slice(0, 4))).has(iso);
}

function fromChineseDays(year: number): Set<string> {
  return new Set(dateRange(`${year}-01-01`, `${year}-12-31`).filter(isInOfficialHolidayTable));
}

function fromDateHolidays(year: number): Set<string> {
  cnRules ??= new Holidays('CN');
  const days = new Set<string>();
  for (const h of cnRules.getHolidays(year)) {
    const fullDay = h.date.slice(11, 19) === '00:00:00';
    if (h.type === 'public' && fullDay && !('note' in h)) days.add(h.date.slice(0, 10));
  }
  return days;
}
