import type { SeriesPanel, Target } from '../../data/series-panel.js';
import { addDays, isoDayOfWeek, toEpochDay } from '../../data/dates.js';
import { CALENDAR_COVARIATES, calendarCovariates } from '../../features/calendar-covariates.js';
import { yearBackDays } from '../stats/year-back-features.js';
import { ColumnMeans } from './column-means.js';

export const CALENDAR_WIDTH = CALENDAR_COVARIATES.length;

/**
 * Read-only view of one target of a panel, with prefix sums for O(1) robust levels and the known-future
 * calendar for day indices `[calFrom, calTo)` (may extend before the first and after the last panel day).
 */
export class PanelView {
  readonly n: number;
  readonly t: number;
  /** Epoch day of day index 0. */
  readonly day0: number;
  readonly values: Float32Array;
  readonly listed: Uint8Array;
  /** Observed (non-NaN) count per series before day d: `obsCount[s * (t + 1) + d]`. */
  private readonly obsCount: Int32Array;
  /** Sum of the first k observed values per series: `obsSum[s * (t + 1) + k]`. */
  private readonly obsSum: Float64Array;
  /** Sum of observed values / count of observed zeros per series before day d (calendar-day prefixes). */
  private readonly daySum: Float64Array;
  private readonly zeroCount: Int32Array;
  private readonly calendar: Float32Array;
  /** ISO weekday − 1 (0 = Monday) of day index 0. */
  private readonly dow0: number;
  /** Means of the selling price and wholesale columns when the panel has them (price-response inputs). */
  readonly price: ColumnMeans | undefined;
  readonly wholesale: ColumnMeans | undefined;

  constructor(
    readonly panel: SeriesPanel,
    target: Target,
    readonly calFrom: number,
    readonly calTo: number,
  ) {
    const column = panel.columns.get(target);
    if (!column) throw new Error(`panel has no '${target}' column`);
    this.n = panel.seriesIds.length;
    this.t = panel.dates.length;
    this.day0 = toEpochDay(panel.dates[0]);
    this.values = column;
    this.listed = panel.listed;
    const { n, t } = this;
    this.obsCount = new Int32Array(n * (t + 1));
    this.obsSum = new Float64Array(n * (t + 1));
    this.daySum = new Float64Array(n * (t + 1));
    this.zeroCount = new Int32Array(n * (t + 1));
    for (let s = 0; s < n; s++) {
      const base = s * (t + 1);
      let count = 0;
      let sum = 0;
      let zeros = 0;
      for (let d = 0; d < t; d++) {
        this.obsCount[base + d] = count;
        this.daySum[base + d] = sum;
        this.zeroCount[base + d] = zeros;
        const v = column[s * t + d];
        if (!Number.isNaN(v)) {
          count += 1;
          sum += v;
          if (v === 0) zeros += 1;
          this.obsSum[base + count] = sum;
        }
      }
      this.obsCount[base + t] = count;
      this.daySum[base + t] = sum;
      this.zeroCount[base + t] = zeros;
    }
    this.dow0 = t > 0 ? isoDayOfWeek(panel.dates[0]) - 1 : 0;
    const price = panel.columns.get('price');
    const wholesale = panel.columns.get('wholesale');
    this.price = price ? new ColumnMeans(price, n, t) : undefined;
    this.wholesale = wholesale ? new ColumnMeans(wholesale, n, t) : undefined;
    const start = panel.dates[0];
    const dates: string[] = [];
    for (let d = calFrom; d < calTo; d++) dates.push(addDays(start, d));
    this.calendar = calendarCovariates(dates);
  }

  value(s: number, d: number): number {
    return d < 0 || d >= this.t ? NaN : this.values[s * this.t + d];
  }

  isListed(s: number, d: number): number {
    return d < 0 || d >= this.t ? 0 : this.listed[s * this.t + d];
  }

  /** Observed days of series s in [from, to) (clamped to the panel). */
  observedIn(s: number, from: number, to: number): number {
    const a = Math.max(0, Math.min(this.t, from));
    const b = Math.max(0, Math.min(this.t, to));
    if (b <= a) return 0;
    const base = s * (this.t + 1);
    return this.obsCount[base + b] - this.obsCount[base + a];
  }

  /** Mean of the observed values of series s in [from, to) (clamped), NaN when none. */
  meanIn(s: number, from: number, to: number): number {
    const a = Math.max(0, Math.min(this.t, from));
    const b = Math.max(0, Math.min(this.t, to));
    const base = s * (this.t + 1);
    const c = this.obsCount[base + b] - this.obsCount[base + a];
    return c > 0 ? (this.daySum[base + b] - this.daySum[base + a]) / c : NaN;
  }

  /** Observed zeros of series s in [from, to) (clamped). */
  zerosIn(s: number, from: number, to: number): number {
    const a = Math.max(0, Math.min(this.t, from));
    const b = Math.max(0, Math.min(this.t, to));
    if (b <= a) return 0;
    const base = s * (this.t + 1);
    return this.zeroCount[base + b] - this.zeroCount[base + a];
  }

  /** ISO weekday − 1 (0 = Monday) of day index d (any integer). */
  weekday(d: number): number {
    return (((this.dow0 + d) % 7) + 7) % 7;
  }

  /** Mean of the last `k` observed values up to and including day d; 0 when there are none. */
  level(s: number, d: number, k: number): number {
    const base = s * (this.t + 1);
    const c = this.obsCount[base + Math.max(0, Math.min(this.t, d + 1))];
    if (c === 0) return 0;
    const m = Math.min(c, k);
    return (this.obsSum[base + c] - this.obsSum[base + c - m]) / m;
  }

  /** Days from day index d back to its twin a year earlier (yearBackDays; d within the prepared calendar). */
  yearBackDays(d: number): number {
    this.calendarRow(d); // the same range check
    return yearBackDays(this.day0 + d, 1);
  }

  /** Offset of day index d's row in `calendar` (CALENDAR_WIDTH values per day). */
  calendarRow(d: number): number {
    if (d < this.calFrom || d >= this.calTo)
      throw new Error(`day ${d} is outside the prepared calendar [${this.calFrom}, ${this.calTo})`);
    return (d - this.calFrom) * CALENDAR_WIDTH;
  }

  /** Calendar covariates (CALENDAR_COVARIATES order) of the prepared days, row-major. */
  get calendarValues(): Float32Array {
    return this.calendar;
  }
}
