// chinese-days is a CommonJS bundle whose named exports Node's ESM loader cannot see: use the default
// import (module.exports under Node ESM, the package's default object under CommonJS; both hold the API).
import chineseDays from 'chinese-days';
import { toEpochDay } from '../dates.js';

const sfCache = new Map<number, number | null>();

/**
 * Epoch day of the Spring Festival (lunar 1/1) of a Gregorian year, or null outside the years the lunar
 * tables cover (1901–2099) or when the table answers with an implausible date.
 */
export function springFestivalEpochDay(year: number): number | null {
  const cached = sfCache.get(year);
  if (cached !== undefined) return cached;
  let day: number | null = null;
  if (year >= 1901 && year <= 2099) {
    try {
      const iso = chineseDays.getSolarDateFromLunar(`${year}-01-01`).date;
      const d = toEpochDay(iso);
      const lo = toEpochDay(`${year}-01-20`);
      const hi = toEpochDay(`${year}-02-21`);
      if (d >= lo && d <= hi) day = d;
    } catch {
      day = null;
    }
  }
  sfCache.set(year, day);
  return day;
}

/** Official public holiday (not ordinary weekends) per the chinese-days tables; false where unknown. */
export function isChinesePublicHoliday(iso: string): boolean {
  try {
    const detail = chineseDays.getDayDetail(iso);
    return !detail.work && !/^(Saturday|Sunday)$/.test(detail.name);
  } catch {
    return false;
  }
}
