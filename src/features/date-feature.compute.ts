import { fromEpochDay, isoDayOfWeek, toEpochDay } from '../data/dates.js';
import { springFestivalDistance } from './calendar-covariates.js';
import type { CalendarField, HolidayField } from './feature-spec.types.js';
import { isChinesePublicHoliday } from './public-holiday.calendar.js';

/** One calendar value per date (depends on the date alone). */
export function calendarFeature(dates: readonly string[], field: CalendarField): Float64Array {
  return Float64Array.from(dates, (iso) => {
    switch (field) {
      case 'day_of_week':
        return isoDayOfWeek(iso);
      case 'month':
        return Number(iso.slice(5, 7));
      case 'day_of_year':
        return toEpochDay(iso) - toEpochDay(`${iso.slice(0, 4)}-01-01`) + 1;
      case 'is_weekend':
        return isoDayOfWeek(iso) >= 6 ? 1 : 0;
    }
  });
}

/** One holiday value per date; distances are capped at `cap` days (default 60). */
export function holidayFeature(
  dates: readonly string[],
  field: HolidayField,
  cap = 60,
): Float64Array {
  switch (field) {
    case 'is_public_holiday':
      return Float64Array.from(dates, (iso) => (isChinesePublicHoliday(iso) ? 1 : 0));
    case 'spring_festival_distance':
      return Float64Array.from(dates, springFestivalDistance);
    case 'days_to_holiday':
      return holidayDistance(dates, cap, 1);
    case 'days_since_holiday':
      return holidayDistance(dates, cap, -1);
  }
}

/** Days to the nearest holiday in one direction (+1 forward, −1 backward), 0 on one, at most `cap`. */
function holidayDistance(dates: readonly string[], cap: number, direction: 1 | -1): Float64Array {
  return Float64Array.from(dates, (iso) => {
    const day = toEpochDay(iso);
    for (let k = 0; k < cap; k++) {
      if (isChinesePublicHoliday(fromEpochDay(day + direction * k))) return k;
    }
    return cap;
  });
}
