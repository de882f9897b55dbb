import { dateRange } from '../../../src/data/dates.js';
import { calendarFeature, holidayFeature } from '../../../src/features/date-feature.compute.js';

describe('date features', () => {
  const dates = ['2024-02-28', '2024-02-29', '2024-12-31', '2023-01-01'];

  it('gives day of week, month, day of year and weekend', () => {
    expect(Array.from(calendarFeature(dates, 'day_of_week'))).toEqual([3, 4, 2, 7]);
    expect(Array.from(calendarFeature(dates, 'month'))).toEqual([2, 2, 12, 1]);
    expect(Array.from(calendarFeature(dates, 'day_of_year'))).toEqual([59, 60, 366, 1]);
    expect(Array.from(calendarFeature(dates, 'is_weekend'))).toEqual([0, 0, 0, 1]);
  });

  it('counts days to and since public holidays, capped', () => {
    const sep = dateRange('2023-09-26', '2023-10-08');
    const to = Array.from(holidayFeature(sep, 'days_to_holiday', 60));
    const since = Array.from(holidayFeature(sep, 'days_since_holiday', 60));
    // Mid-Autumn + National Day: Sep 29 – Oct 6
    expect(to.slice(0, 4)).toEqual([3, 2, 1, 0]);
    expect(since.slice(10)).toEqual([0, 1, 2]);
    expect(Array.from(holidayFeature(['2023-07-15'], 'days_to_holiday', 30))).toEqual([30]);
    expect(Array.from(holidayFeature(['2023-02-05'], 'spring_festival_distance'))).toEqual([14]);
  });
});
