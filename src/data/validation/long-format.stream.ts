import { startsLikeFormula } from '../panel/csv-number.format.js';
import { fromEpochDay, toEpochDay } from '../dates.js';
import type { LongRowConsumer } from '../readers/long-format.sink.js';
import { CodeIds, Occurrences } from './check.context.js';
import type { IssueCollector } from './issue.collector.js';
import { KeyTable } from './key.table.js';
import type { HeldRows } from './validation-limits.js';
import type { DateSpan, IssueExample } from './validation-report.types.js';

/** Observations a series needs to count in a backtest window (see src/evaluation/backtest.ts). */
export const MIN_SERIES_HISTORY = 56;

export interface LongStreamFacts {
  rows: number;
  dateRange: DateSpan | null;
  series: number;
}

/**
 * The long-format checks in one pass over the rows as the reader parses them: repeated and
 * conflicting (unique_id, ds) keys, negative values, formula-like ids, short series, gaps. Rows are
 * not kept; what is held is one entry per distinct key (line and y of its first row), counted in
 * `held`, plus a few numbers per series.
 */
export class LongStreamChecks implements LongRowConsumer {
  private readonly ids = new CodeIds();
  private readonly dayOf = new Map<string, number>();
  private readonly observed: number[] = [];
  private readonly distinctDays: number[] = [];
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly keys = new KeyTable();
  private readonly dup: Occurrences;
  private readonly conflict: Occurrences;
  private readonly negative: Occurrences;
  private readonly formula: Occurrences;
  private rows = 0;
  private minDay = Infinity;
  private maxDay = -Infinity;

  constructor(
    private readonly issues: IssueCollector,
    private readonly held: HeldRows,
    private readonly file: string,
  ) {
    const max = issues.maxExamples;
    this.dup = new Occurrences(max);
    this.conflict = new Occurrences(max);
    this.negative = new Occurrences(max);
    this.formula = new Occurrences(max);
  }

  row(uniqueId: string, ds: string, y: number, line: number): void {
    this.rows++;
    const s = this.seriesOf(uniqueId, line);
    const day = this.epochDay(ds);
    if (Number.isFinite(y)) this.observed[s]++;
    if (y < 0) this.negative.add(() => ({ line, column: 'y', value: String(y) }));
    const at = this.keys.find(s, day);
    if (at < 0) {
      this.held.hold(this.file);
      this.keys.insert(s, day, line, y);
      this.distinctDays[s]++;
      if (day < this.lo[s]) this.lo[s] = day;
      if (day > this.hi[s]) this.hi[s] = day;
      if (day < this.minDay) this.minDay = day;
      if (day > this.maxDay) this.maxDay = day;
      return;
    }
    const firstY = this.keys.yAt(at);
    const example = (): IssueExample => ({
      line,
      value: `${uniqueId} ${ds}`,
      detail: `also on line ${this.keys.lineAt(at)} (y ${firstY} vs ${y})`,
    });
    if (Object.is(firstY, y)) this.dup.add(example);
    else this.conflict.add(example);
  }

  private seriesOf(uniqueId: string, line: number): number {
    const known = this.ids.get(uniqueId);
    if (known >= 0) return known;
    const s = this.ids.id(uniqueId);
    this.observed.push(0);
    this.distinctDays.push(0);
    this.lo.push(2 ** 31 - 1);
    this.hi.push(-(2 ** 31));
    if (startsLikeFormula(uniqueId)) {
      this.formula.add(() => ({ line, column: 'unique_id', value: uniqueId }));
    }
    return s;
  }

  private epochDay(ds: string): number {
    let v = this.dayOf.get(ds);
    if (v === undefined) {
      v = toEpochDay(ds);
      this.dayOf.set(ds, v);
    }
    return v;
  }

  /** Reports what the rows showed into `issues`; call once, after the last row. */
  finish(): LongStreamFacts {
    const { issues } = this;
    const max = issues.maxExamples;
    issues.addAll(
      'formula-like-text',
      'warning',
      `unique_id values that start like a spreadsheet formula (=, +, -, @, tab, CR): CSV exports write them with a leading '`,
      this.formula.count,
      this.formula.examples,
      'unique_id',
    );
    issues.addAll(
      'duplicate-key',
      'warning',
      'repeated (unique_id, ds) rows with the same y',
      this.dup.count,
      this.dup.examples,
    );
    issues.addAll(
      'conflicting-key',
      'error',
      'repeated (unique_id, ds) rows with different y: which one is right?',
      this.conflict.count,
      this.conflict.examples,
    );
    issues.addAll(
      'negative-value',
      'warning',
      'negative y values',
      this.negative.count,
      this.negative.examples,
    );
    const short: IssueExample[] = [];
    let shortCount = 0;
    let gapSeries = 0;
    let gapDays = 0;
    const gapExamples: IssueExample[] = [];
    for (let s = 0; s < this.ids.size; s++) {
      if (this.observed[s] < MIN_SERIES_HISTORY) {
        shortCount++;
        if (short.length < max) {
          short.push({ value: this.ids.codes[s], detail: `${this.observed[s]} observations` });
        }
      }
      const missing = this.hi[s] - this.lo[s] + 1 - this.distinctDays[s];
      if (missing > 0) {
        gapSeries++;
        gapDays += missing;
        if (gapExamples.length < max) {
          gapExamples.push({ value: this.ids.codes[s], detail: `${missing} days without a row` });
        }
      }
    }
    issues.addAll(
      'short-series',
      'warning',
      `series with fewer than ${MIN_SERIES_HISTORY} observations (too short to backtest)`,
      shortCount,
      short,
    );
    issues.addAll(
      'series-gaps',
      'info',
      `series with days missing between their first and last date (${gapDays} days in all; read as missing)`,
      gapSeries,
      gapExamples,
    );
    const dateRange =
      this.rows === 0 || this.minDay > this.maxDay
        ? null
        : {
            start: fromEpochDay(this.minDay),
            end: fromEpochDay(this.maxDay),
            days: this.maxDay - this.minDay + 1,
          };
    return { rows: this.rows, dateRange, series: this.ids.size };
  }
}
