// chinese-days is a CommonJS bundle whose named exports Node's ESM loader cannot see: use the default
// import (module.exports under Node ESM, the package's default object under CommonJS; both hold the API).
import chineseDays from 'chinese-days';
import { toEpochDay } from './dates.js';

/** First and last Gregorian years the chinese-days lunar tables cover. */
const LUNAR_TABLE_FIRST_YEAR = 1901;
const LUNAR_TABLE_LAST_YEAR = 2099;

const lunarNewYearCache = new Map<number, number>();

/**
 * Epoch day of lunar 1/1 of a Gregorian year exactly as chinese-days answers it, for any year: outside
 * the years its tables cover (1901–2099) that answer is an extrapolation, not a real Spring Festival.
 * Throws where chinese-days throws. Use `springFestivalEpochDay` for a checked answer.
 */
export function lunarNewYearEpochDay(year: number): number {
  let day = lunarNewYearCache.get(year);
  if (day === undefined) {
    day = toEpochDay(chineseDays.getSolarDateFromLunar(`${year}-01-01`).date);
    lunarNewYearCache.set(year, day);
  }
  return day;
}

/**
 * Epoch day of the Spring Festival (lunar 1/1) of a Gregorian year, or null outside the years the lunar
 * tables cover (1901–2099) or when the table answers with an implausible date.
 */
export function springFestivalEpochDay(year: number): number | null {
  if (!(year >= LUNAR_TABLE_FIRST_YEAR && year <= LUNAR_TABLE_LAST_YEAR)) return null;
  let day: number;
  try {
    day = lunarNewYearEpochDay(year);
  } catch {
    return null;
  }
  const lo = toEpochDay(`${year}-01-20`);
  const hi = toEpochDay(`${year}-02-21`);
  return day >= lo && day <= hi ? day : null;
}

/**
 * A statutory day off in chinese-days' official tables (ordinary weekends excluded); false where the
 * tables do not know the date. Those tables end with the last announced year: the features'
 * `isChinesePublicHoliday` (public-holiday.calendar.ts) falls back to date-holidays' rules after them.
 */
export function isInOfficialHolidayTable(iso: string): boolean {
  try {
    const detail = chineseDays.getDayDetail(iso);
    return !detail.work && !/^(Saturday|Sunday)$/.test(detail.name);
  } catch {
    return false;
  }
}
