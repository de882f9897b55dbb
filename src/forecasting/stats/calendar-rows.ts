import { fromEpochDay } from '../../data/dates.js';
import { CALENDAR_COVARIATES, calendarCovariates } from '../../features/calendar-covariates.js';

/** Calendar covariates of target days, minus the day-of-week ones (models encode weekdays apart). */
export const TARGET_DAY_COVARIATES = CALENDAR_COVARIATES.filter(
  (n) => !n.startsWith('dow_') && n !== 'is_weekend',
);

/** The target-day covariates of models saved before the Spring Festival day flags were added. */
export const LEGACY_TARGET_DAY_COVARIATES: readonly string[] = TARGET_DAY_COVARIATES.slice(0, 6);

/** The target-day covariates of a kind's rows, with or without the day-of-year sine/cosine (`yearly`). */
export function targetDayCovariates(yearly: boolean): readonly string[] {
  return yearly
    ? TARGET_DAY_COVARIATES
    : TARGET_DAY_COVARIATES.filter((n) => !n.startsWith('doy_'));
}

export interface CalendarDay {
  /** ISO day of week, 1 = Monday … 7 = Sunday. */
  dow: number;
  /** Values of the covariates the rows were made for, in that order. */
  covariates: Float64Array;
}

/** ISO day of week of a UTC epoch day (day 0, 1970-01-01, was a Thursday). */
export function epochDayOfWeek(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Memoised calendar rows by epoch day (the holiday tables are slow to query). */
export class CalendarRows {
  private readonly rows = new Map<number, CalendarDay>();
  private readonly pick: number[];

  /** `names`: which CALENDAR_COVARIATES the rows hold (default TARGET_DAY_COVARIATES); unknown names throw. */
  constructor(readonly names: readonly string[] = TARGET_DAY_COVARIATES) {
    const all: readonly string[] = CALENDAR_COVARIATES;
    this.pick = names.map((n) => {
      const k = all.indexOf(n);
      if (k < 0) throw new Error(`unknown calendar covariate '${n}'`);
      return k;
    });
  }

  get(epochDay: number): CalendarDay {
    let row = this.rows.get(epochDay);
    if (!row) {
      const all = calendarCovariates([fromEpochDay(epochDay)]);
      row = {
        dow: epochDayOfWeek(epochDay),
        covariates: Float64Array.from(this.pick, (k) => all[k]),
      };
      this.rows.set(epochDay, row);
    }
    return row;
  }

  clear(): void {
    this.rows.clear();
  }
}
