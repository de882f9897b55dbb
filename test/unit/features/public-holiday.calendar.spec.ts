import {
  isChinesePublicHoliday,
  publicHolidaysOf,
} from '../../../src/features/public-holiday.calendar.js';

describe('Chinese public holidays', () => {
  it('uses the official tables, make-up workdays included', () => {
    expect(isChinesePublicHoliday('2023-10-01')).toBe(true);
    expect(isChinesePublicHoliday('2023-10-06')).toBe(true); // the official span ran to Oct 6
    expect(isChinesePublicHoliday('2023-10-07')).toBe(false); // a Saturday worked in exchange
    expect(isChinesePublicHoliday('2023-01-21')).toBe(true); // Spring Festival eve
    expect(isChinesePublicHoliday('2023-03-11')).toBe(false); // an ordinary Saturday
  });

  it('falls back to rule-based dates for years the tables do not cover yet', () => {
    const y2030 = publicHolidaysOf(2030);
    expect(y2030.has('2030-10-01')).toBe(true);
    expect(y2030.has('2030-02-03')).toBe(true); // lunar new year 2030
    expect(y2030.has('2030-03-08')).toBe(false); // Women's Day: half a day, for some only
    expect(y2030.has('2030-06-01')).toBe(false); // Children's Day: for children only
    expect(y2030.size).toBeGreaterThanOrEqual(10);
    expect(y2030.size).toBeLessThanOrEqual(16);
  });
});
