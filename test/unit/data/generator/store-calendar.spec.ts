import { toEpochDay } from '../../../../src/data/dates.js';
import { springFestivalEpochDay } from '../../../../src/data/chinese-calendar.js';
import { buildStoreCalendar } from '../../../../src/data/generator/store-calendar.js';

describe('buildStoreCalendar', () => {
  const full = buildStoreCalendar('2020-07-01', 1095);

  it('finds Spring Festival from the lunar calendar', () => {
    expect(full.springFestivals).toEqual(['2021-02-12', '2022-02-01', '2023-01-22']);
    expect(springFestivalEpochDay(2023)).toBe(toEpochDay('2023-01-22'));
    expect(springFestivalEpochDay(2150)).toBeNull();
  });

  it('closes on Spring Festival and the day after, peaking two days before', () => {
    for (const sf of ['2021-02-12', '2022-02-01', '2023-01-22']) {
      const i = toEpochDay(sf) - toEpochDay('2020-07-01');
      expect(full.days[i].closed).toBe(true);
      expect(full.days[i + 1].closed).toBe(true);
      expect(full.days[i + 2].closed).toBe(false);
      expect(full.days[i - 2].kind).toBe('spring-festival-peak');
      expect(full.days[i - 2].demand).toBeGreaterThanOrEqual(4);
      expect(full.days[i + 2].demand).toBeLessThan(1);
    }
  });

  it('has ten closure dates over the real range, four of them a lockdown in Nov 2022', () => {
    expect(full.closureDates).toHaveLength(10);
    const lockdown = full.closureDates.filter((d) => d.startsWith('2022-11'));
    expect(lockdown).toHaveLength(4);
    const first = toEpochDay(lockdown[0]);
    expect(full.stockUpDates.map(toEpochDay)).toEqual([first - 4, first - 3]);
    expect(full.nearEmptyDates.map(toEpochDay)).toEqual([first - 2, first - 1]);
  });

  it('lifts public holidays and marks weekdays', () => {
    const day = full.days.find((d) => d.date === '2021-10-01');
    expect(day?.demand).toBeGreaterThan(1);
    expect(day?.dow).toBe(5);
    expect(full.days[0].dow).toBe(3); // 2020-07-01 was a Wednesday
    expect(full.days[0].doy).toBe(182);
  });

  it('skips the lockdown on short ranges and works outside the lunar tables', () => {
    const short = buildStoreCalendar('2021-03-01', 30);
    expect(short.closureDates).toEqual([]);
    expect(short.days.every((d) => d.demand > 0)).toBe(true);
    const far = buildStoreCalendar('2150-01-01', 400);
    expect(far.springFestivals).toEqual([]);
    expect(far.closureDates).toHaveLength(4);
  });
});
