import { toEpochDay } from '../../../../src/data/dates.js';
import { ObservedPrefix } from '../../../../src/forecasting/stats/observed-prefix.js';
import {
  NOT_OBSERVED,
  yearBackChange,
  yearBackDays,
} from '../../../../src/forecasting/stats/year-back-features.js';

const back = (iso: string, years = 1): number => yearBackDays(toEpochDay(iso), years);

describe('year-back features', () => {
  it('look 52 weeks back, the same weekday, away from the Spring Festival', () => {
    expect(back('2023-07-01')).toBe(364);
    expect(back('2023-07-01', 2)).toBe(728);
    expect(back('2022-11-20')).toBe(364);
  });

  it('look back to the same day relative to the festival near it (lunar new year moves by weeks)', () => {
    // 2023-01-22 and 2022-02-01 are lunar new year's days; 2021-02-12 and 2024-02-10 too
    expect(back('2023-01-22')).toBe(toEpochDay('2023-01-22') - toEpochDay('2022-02-01'));
    expect(back('2023-01-10')).toBe(toEpochDay('2023-01-22') - toEpochDay('2022-02-01')); // day −12
    expect(back('2023-02-20')).toBe(toEpochDay('2023-01-22') - toEpochDay('2022-02-01')); // day +29
    expect(back('2023-01-22', 2)).toBe(toEpochDay('2023-01-22') - toEpochDay('2021-02-12'));
    expect(back('2024-02-10')).toBe(toEpochDay('2024-02-10') - toEpochDay('2023-01-22'));
    // outside −21…+35 days of the festival the weekday rule applies again
    expect(back('2023-01-01')).toBe(toEpochDay('2023-01-22') - toEpochDay('2022-02-01')); // day −21
    expect(back('2022-12-31')).toBe(364);
    expect(back('2023-02-27')).toBe(364); // day +36
  });

  it('give how the same weeks moved then, and the level then, or "not observed"', () => {
    // 800 days: level 2, except the week around day 420 − 364 = 56 at 6
    const values = Float64Array.from({ length: 800 }, (_, d) => (d >= 53 && d <= 59 ? 6 : 2));
    const prefix = new ObservedPrefix(values);
    const [change, level] = yearBackChange(prefix, 410, 420, 364, 4, 10);
    expect(change).toBeCloseTo(6 / 2, 10); // the week then over the 28 days before the origin then
    expect(level).toBeCloseTo(6 / 4, 10); // the week then over today's level
    expect(yearBackChange(prefix, 100, 110, 364, 4, 10)).toEqual([NOT_OBSERVED, NOT_OBSERVED]);
    expect(yearBackChange(prefix, 410, 420, 364, 1, 2)[1]).toBe(2); // clipped
  });
});
