import { lunarNewYearEpochDay } from '../data/chinese-calendar.js';
import { isoDayOfWeek, toEpochDay } from '../data/dates.js';
import { isChinesePublicHoliday } from './public-holiday.calendar.js';

/**
 * Known-future calendar covariates for a list of dates: values every model may use for target days,
 * because they depend on the date alone. Row-major `dates.length × names.length`.
 */
export const CALENDAR_COVARIATES = [
  'dow_sin',
  'dow_cos',
  'is_weekend',
  'doy_sin',
  'doy_cos',
  'is_public_holiday',
  'sf_window', // within ±15 days of Spring Festival (lunar new year's day)
  'sf_pre_eve', // the 3 days up to and including the eve
  'sf_closure', // new year's day and the day after (the store closes)
  // Spring Festival by day (the shape repeats every year: a rise from day −10, a peak on −4…−2, the
  // store shut on the eve, then a week well above the usual level)
  'sf_minus_10_5', // days −10…−5
  'sf_minus_4',
  'sf_minus_3',
  'sf_minus_2',
  'sf_eve', // day −1
  'sf_day', // day 0
  'sf_plus_1_6', // days +1…+6
] as const;

/**
 * Signed days from the nearest Spring Festival (negative before it). Uses chinese-days' lunar 1/1 for
 * every year, also outside the 1901–2099 its tables cover (unlike the generator's checked lookup).
 */
export function springFestivalDistance(iso: string): number {
  const day = toEpochDay(iso);
  const year = Number(iso.slice(0, 4));
  let best = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    const diff = day - lunarNewYearEpochDay(y);
    if (Math.abs(diff) < Math.abs(best)) best = diff;
  }
  return best;
}

export function calendarCovariates(dates: readonly string[]): Float32Array {
  const k = CALENDAR_COVARIATES.length;
  const out = new Float32Array(dates.length * k);
  dates.forEach((iso, i) => {
    const dow = isoDayOfWeek(iso);
    const day = toEpochDay(iso);
    const yearStart = toEpochDay(`${iso.slice(0, 4)}-01-01`);
    const doy = day - yearStart;
    const sf = springFestivalDistance(iso);
    const row = [
      Math.sin((2 * Math.PI * dow) / 7),
      Math.cos((2 * Math.PI * dow) / 7),
      dow >= 6 ? 1 : 0,
      Math.sin((2 * Math.PI * doy) / 365.25),
      Math.cos((2 * Math.PI * doy) / 365.25),
      isChinesePublicHoliday(iso) ? 1 : 0,
      Math.abs(sf) <= 15 ? 1 : 0,
      sf >= -3 && sf <= -1 ? 1 : 0,
      sf === 0 || sf === 1 ? 1 : 0,
      sf >= -10 && sf <= -5 ? 1 : 0,
      sf === -4 ? 1 : 0,
      sf === -3 ? 1 : 0,
      sf === -2 ? 1 : 0,
      sf === -1 ? 1 : 0,
      sf === 0 ? 1 : 0,
      sf >= 1 && sf <= 6 ? 1 : 0,
    ];
    out.set(row, i * k);
  });
  return out;
}
