import {
  isInOfficialHolidayTable,
  lunarNewYearEpochDay,
  springFestivalEpochDay,
} from '../../../src/data/chinese-calendar.js';
import { toEpochDay } from '../../../src/data/dates.js';
import { buildStoreCalendar } from '../../../src/data/generator/store-calendar.js';

const KNOWN_SPRING_FESTIVALS: readonly [number, string][] = [
  [1901, '1901-02-19'],
  [2020, '2020-01-25'],
  [2021, '2021-02-12'],
  [2022, '2022-02-01'],
  [2023, '2023-01-22'],
  [2099, '2099-01-21'],
];

describe('chinese-calendar', () => {
  it('finds known Spring Festivals with both lookups inside the lunar tables', () => {
    for (const [year, iso] of KNOWN_SPRING_FESTIVALS) {
      expect(springFestivalEpochDay(year)).toBe(toEpochDay(iso));
      expect(lunarNewYearEpochDay(year)).toBe(toEpochDay(iso));
    }
  });

  it('springFestivalEpochDay (the generator): null outside 1901–2099', () => {
    expect(springFestivalEpochDay(1900)).toBeNull();
    expect(springFestivalEpochDay(2100)).toBeNull();
    expect(springFestivalEpochDay(2150)).toBeNull();
    expect(springFestivalEpochDay(Number.NaN)).toBeNull();
  });

  it('lunarNewYearEpochDay (the features): chinese-days’ answer for any year, unchecked', () => {
    expect(lunarNewYearEpochDay(1900)).toBe(toEpochDay('1900-01-31'));
    expect(lunarNewYearEpochDay(2100)).toBe(toEpochDay('2100-02-09'));
  });

  it('reads the official holiday tables, without weekends or unknown dates', () => {
    expect(isInOfficialHolidayTable('2023-10-01')).toBe(true);
    expect(isInOfficialHolidayTable('2023-01-21')).toBe(true); // Spring Festival eve
    expect(isInOfficialHolidayTable('2023-10-07')).toBe(false); // a Saturday worked in exchange
    expect(isInOfficialHolidayTable('2023-03-11')).toBe(false); // an ordinary Saturday
    expect(isInOfficialHolidayTable('2030-10-01')).toBe(false); // beyond the official tables
    expect(isInOfficialHolidayTable('not a date')).toBe(false);
  });

  it('keeps the generator’s store calendar free of Spring Festivals outside 1901–2099', () => {
    expect(buildStoreCalendar('1899-06-01', 700).springFestivals).toEqual(['1901-02-19']);
    expect(buildStoreCalendar('2098-06-01', 900).springFestivals).toEqual(['2099-01-21']);
  });
});
