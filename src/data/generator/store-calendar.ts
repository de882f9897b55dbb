import { fromEpochDay, isoDayOfWeek, toEpochDay } from '../dates.js';
import { isInOfficialHolidayTable, springFestivalEpochDay } from '../chinese-calendar.js';

/** What kind of day the store has: drives closures and store-wide demand multipliers. */
export type StoreDayKind =
  | 'open'
  | 'spring-festival-closed'
  | 'spring-festival-peak'
  | 'stock-up'
  | 'near-empty'
  | 'lockdown-closed';

export interface StoreDay {
  index: number;
  date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  dow: number;
  /** Day of year, 0-based. */
  doy: number;
  kind: StoreDayKind;
  /** No rows at all that day: no sales, no wholesale quotes. */
  closed: boolean;
  /** Store-wide demand multiplier (festivals, holidays, stock-up, reopening). */
  demand: number;
  /** Festival and stock-up shopping does not follow the weekday pattern. */
  ignoresWeekday: boolean;
  /** Additive change of log wholesale prices (dearer before Spring Festival). */
  wholesaleLogShift: number;
  /** Signed days from the nearest Spring Festival within ±30 days, else null. */
  springFestivalOffset: number | null;
}

export interface StoreCalendar {
  days: StoreDay[];
  /** Spring Festival dates (lunar new year's day) inside the range. */
  springFestivals: string[];
  /** Dates with no rows at all. */
  closureDates: string[];
  /** The days before the eve (≈ 5× a normal day). */
  springFestivalPeakDates: string[];
  stockUpDates: string[];
  nearEmptyDates: string[];
}

/** Store-wide demand multiplier by signed distance to Spring Festival; closure days are 0 and 1. */
const SPRING_FESTIVAL_DEMAND = new Map<number, number>([
  [-10, 1.1],
  [-9, 1.15],
  [-8, 1.2],
  [-7, 1.3],
  [-6, 1.4],
  [-5, 1.6],
  [-4, 1.9],
  [-3, 2.6],
  [-2, 5.8],
  [-1, 1.4],
  [2, 0.45],
  [3, 0.6],
  [4, 0.65],
  [5, 0.7],
  [6, 0.75],
  [7, 0.8],
  [8, 0.85],
  [9, 0.9],
  [10, 0.95],
]);
const SPRING_FESTIVAL_CLOSED = new Set([0, 1]);
const SPRING_FESTIVAL_PEAK_OFFSET = -2;
const PUBLIC_HOLIDAY_DEMAND = 1.15;

/**
 * A run of closure days (a lockdown, like Nov–Dec 2022 in the real data): two stock-up spikes, two
 * near-empty days, four closed days, then a reopening ramp.
 */
const LOCKDOWN_RUN: readonly { kind: StoreDayKind; demand: number }[] = [
  { kind: 'stock-up', demand: 5.2 },
  { kind: 'stock-up', demand: 4.6 },
  { kind: 'near-empty', demand: 0.04 },
  { kind: 'near-empty', demand: 0.06 },
  { kind: 'lockdown-closed', demand: 0 },
  { kind: 'lockdown-closed', demand: 0 },
  { kind: 'lockdown-closed', demand: 0 },
  { kind: 'lockdown-closed', demand: 0 },
  { kind: 'open', demand: 0.6 },
  { kind: 'open', demand: 0.75 },
  { kind: 'open', demand: 0.9 },
];
/**
 * Where the lockdown run starts: as in the real data (Nov 2022, ≈ 230 days before the end, outside the
 * last backtest windows) on long ranges; at 35 % of the range on short ones.
 */
const LOCKDOWN_FROM_END = 232;
const LOCKDOWN_LONG_RANGE = 500;
const LOCKDOWN_SHORT_POSITION = 0.35;
const LOCKDOWN_MIN_DAYS = 60;
/** Keep the lockdown run this far from any Spring Festival. */
const LOCKDOWN_SF_CLEARANCE = 25;

/** The store's calendar for `days` days from `start`: closures, festival peaks, holiday uplift. */
export function buildStoreCalendar(start: string, days: number): StoreCalendar {
  const first = toEpochDay(start);
  const sfDays = springFestivalsAround(first, first + days - 1);
  const out: StoreDay[] = [];
  for (let i = 0; i < days; i++) {
    const epoch = first + i;
    const date = fromEpochDay(epoch);
    const offset = nearestOffset(epoch, sfDays);
    let kind: StoreDayKind = 'open';
    let demand = 1;
    let wholesaleLogShift = 0;
    if (offset !== null) {
      if (SPRING_FESTIVAL_CLOSED.has(offset)) kind = 'spring-festival-closed';
      else if (offset === SPRING_FESTIVAL_PEAK_OFFSET) kind = 'spring-festival-peak';
      demand = SPRING_FESTIVAL_CLOSED.has(offset) ? 0 : (SPRING_FESTIVAL_DEMAND.get(offset) ?? 1);
      if (offset >= -14 && offset <= 3) wholesaleLogShift = 0.18 * (1 - Math.abs(offset + 3) / 12);
    }
    if (kind === 'open' && demand === 1 && isInOfficialHolidayTable(date))
      demand = PUBLIC_HOLIDAY_DEMAND;
    out.push({
      index: i,
      date,
      dow: isoDayOfWeek(date),
      doy: epoch - toEpochDay(`${date.slice(0, 4)}-01-01`),
      kind,
      closed: kind === 'spring-festival-closed',
      demand,
      ignoresWeekday: offset !== null && offset >= -3 && offset <= -1,
      wholesaleLogShift: Math.max(0, wholesaleLogShift),
      springFestivalOffset: offset,
    });
  }
  placeLockdownRun(
    out,
    sfDays.map((d) => d - first),
  );
  const datesOf = (pred: (d: StoreDay) => boolean): string[] => out.filter(pred).map((d) => d.date);
  return {
    days: out,
    springFestivals: sfDays.filter((d) => d >= first && d < first + days).map(fromEpochDay),
    closureDates: datesOf((d) => d.closed),
    springFestivalPeakDates: datesOf((d) => d.kind === 'spring-festival-peak'),
    stockUpDates: datesOf((d) => d.kind === 'stock-up'),
    nearEmptyDates: datesOf((d) => d.kind === 'near-empty'),
  };
}

function springFestivalsAround(firstEpoch: number, lastEpoch: number): number[] {
  const y0 = Number(fromEpochDay(firstEpoch).slice(0, 4)) - 1;
  const y1 = Number(fromEpochDay(lastEpoch).slice(0, 4)) + 1;
  const out: number[] = [];
  for (let y = y0; y <= y1; y++) {
    const d = springFestivalEpochDay(y);
    if (d !== null) out.push(d);
  }
  return out;
}

function nearestOffset(epoch: number, sfDays: readonly number[]): number | null {
  let best: number | null = null;
  for (const sf of sfDays) {
    const diff = epoch - sf;
    if (Math.abs(diff) <= 30 && (best === null || Math.abs(diff) < Math.abs(best))) best = diff;
  }
  return best;
}

function placeLockdownRun(days: StoreDay[], sfIndices: readonly number[]): void {
  const n = days.length;
  const len = LOCKDOWN_RUN.length;
  if (n < LOCKDOWN_MIN_DAYS) return;
  const fits = (s: number): boolean =>
    s >= 7 &&
    s + len <= n &&
    sfIndices.every(
      (sf) => s + len + LOCKDOWN_SF_CLEARANCE <= sf || s - LOCKDOWN_SF_CLEARANCE >= sf,
    );
  const target =
    n >= LOCKDOWN_LONG_RANGE ? n - LOCKDOWN_FROM_END : Math.round(LOCKDOWN_SHORT_POSITION * n);
  for (let delta = 0; delta < n; delta++) {
    for (const s of [target + delta, target - delta]) {
      if (!fits(s)) continue;
      LOCKDOWN_RUN.forEach((step, k) => {
        const day = days[s + k];
        day.kind = step.kind;
        day.demand = step.demand;
        day.closed = step.kind === 'lockdown-closed';
        day.ignoresWeekday = step.kind !== 'open';
      });
      return;
    }
  }
}
