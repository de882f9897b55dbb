import {
  CALENDAR_COVARIATES,
  calendarCovariates,
  springFestivalDistance,
} from '../../../src/features/calendar-covariates.js';
import { isChinesePublicHoliday } from '../../../src/features/public-holiday.calendar.js';

describe('calendar covariates', () => {
  it('finds Spring Festival from the lunar calendar, for years beyond the holiday tables too', () => {
    expect(springFestivalDistance('2023-01-22')).toBe(0);
    expect(springFestivalDistance('2023-01-21')).toBe(-1);
    expect(springFestivalDistance('2027-02-06')).toBe(0);
    expect(springFestivalDistance('2021-02-20')).toBe(8);
  });

  it('uses chinese-days’ lunar new year outside 1901–2099 too (no null guard, unlike the generator)', () => {
    expect(springFestivalDistance('1900-01-31')).toBe(0);
    expect(springFestivalDistance('1900-01-30')).toBe(-1);
    expect(springFestivalDistance('1901-02-19')).toBe(0);
    expect(springFestivalDistance('2099-01-21')).toBe(0);
    expect(springFestivalDistance('2100-02-09')).toBe(0);
    expect(springFestivalDistance('2100-02-19')).toBe(10);
  });

  it('flags public holidays but not ordinary weekends', () => {
    expect(isChinesePublicHoliday('2021-10-01')).toBe(true);
    expect(isChinesePublicHoliday('2021-10-09')).toBe(false); // a Saturday that was a make-up workday
    expect(isChinesePublicHoliday('2021-11-13')).toBe(false); // a plain Saturday
    expect(isChinesePublicHoliday('2030-10-01')).toBe(true); // beyond the official tables: rule-based
  });

  it('lays out one row per date', () => {
    const m = calendarCovariates(['2023-01-20', '2023-01-22']);
    const k = CALENDAR_COVARIATES.length;
    expect(m.length).toBe(2 * k);
    expect(m[CALENDAR_COVARIATES.indexOf('sf_pre_eve')]).toBe(1);
    expect(m[k + CALENDAR_COVARIATES.indexOf('sf_closure')]).toBe(1);
    expect(m[k + CALENDAR_COVARIATES.indexOf('is_weekend')]).toBe(1);
  });

  it('flags the Spring Festival days one by one around lunar new year', () => {
    // lunar new year 2023 fell on 2023-01-22
    const days = [
      '2023-01-14',
      '2023-01-18',
      '2023-01-19',
      '2023-01-20',
      '2023-01-21',
      '2023-01-22',
    ];
    const more = ['2023-01-28', '2023-01-29', '2023-01-11'];
    const m = calendarCovariates([...days, ...more]);
    const k = CALENDAR_COVARIATES.length;
    const flags = ['sf_minus_10_5', 'sf_minus_4', 'sf_minus_3', 'sf_minus_2', 'sf_eve', 'sf_day'];
    const at = (row: number, name: (typeof CALENDAR_COVARIATES)[number]): number =>
      m[row * k + CALENDAR_COVARIATES.indexOf(name)];
    days.forEach((_, row) =>
      flags.forEach((name, j) =>
        expect(at(row, name as (typeof CALENDAR_COVARIATES)[number])).toBe(row === j ? 1 : 0),
      ),
    );
    expect(at(6, 'sf_plus_1_6')).toBe(1); // day +6
    expect(at(7, 'sf_plus_1_6')).toBe(0); // day +7
    expect(at(8, 'sf_minus_10_5')).toBe(0); // day −11
  });
});
