import { fromEpochDay } from '../../data/dates.js';
import { CALENDAR_COVARIATES, calendarCovariates } from '../../features/calendar-covariates.js';

/** Calendar covariates of target days, minus the day-of-week ones (models encode weekdays apart). */
export const TARGET_DAY_COVARIATES = CALENDAR_COVARIATES.filter(
  (n) => !n.startsWith('dow_') && n !== 'is_weekend',
);

const PICK = TARGET_DAY_COVARIATES.map((n) => CALENDAR_COVARIATES.indexOf(n));

export interface CalendarDay {
  /** ISO day of week, 1 = Monday … 7 = Sunday. */
  dow: number;
  /** TARGET_DAY_COVARIATES values. */
  covariates: Float64Array;
}

/** ISO day of week of a UTC epoch day (day 0, 1970-01-01, was a Thursday). */
export function epochDayOfWeek(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Memoised calendar rows by epoch day (the holiday tables are slow to query). */
export class CalendarRows {
  private readonly rows = new Map<number, CalendarDay>();

  get(epochDay: number): CalendarDay {
    let row = this.rows.get(epochDay);
    if (!row) {
      const all = calendarCovariates([fromEpochDay(epochDay)]);
      row = { dow: epochDayOfWeek(epochDay), covariates: Float64Array.from(PICK, (k) => all[k]) };
      this.rows.set(epochDay, row);
    }
    return row;
  }

  clear(): void {
    this.rows.clear();
  }
}
