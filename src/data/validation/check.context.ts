import { fromEpochDay, toEpochDay } from '../dates.js';
import type { IssueCollector } from './issue.collector.js';
import type { DateSpan, IssueExample } from './validation-report.types.js';

/** Dense ids for codes (item codes, series ids), shared by the checks of one data set. */
export class CodeIds {
  private readonly map = new Map<string, number>();
  readonly codes: string[] = [];

  id(code: string): number {
    let v = this.map.get(code);
    if (v === undefined) {
      v = this.codes.length;
      this.map.set(code, v);
      this.codes.push(code);
    }
    return v;
  }

  get(code: string): number {
    return this.map.get(code) ?? -1;
  }

  get size(): number {
    return this.codes.length;
  }
}

/** Epoch day of each row's ISO date (dates are interned by the readers: one parse per distinct). */
export function epochDays(dates: readonly string[], n: number): Int32Array {
  const cache = new Map<string, number>();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = dates[i];
    let v = cache.get(d);
    if (v === undefined) {
      v = toEpochDay(d);
      cache.set(d, v);
    }
    out[i] = v;
  }
  return out;
}

export function spanOf(days: Int32Array): DateSpan | null {
  if (days.length === 0) return null;
  let lo = days[0];
  let hi = days[0];
  for (let i = 1; i < days.length; i++) {
    const d = days[i];
    if (d < lo) lo = d;
    else if (d > hi) hi = d;
  }
  return { start: fromEpochDay(lo), end: fromEpochDay(hi), days: hi - lo + 1 };
}

/** Runs of consecutive days, as `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD`. */
export function dayRuns(days: readonly number[]): string[] {
  const runs: string[] = [];
  for (let i = 0; i < days.length;) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
    const a = fromEpochDay(days[i]);
    runs.push(j === i ? a : `${a}..${fromEpochDay(days[j])}`);
    i = j + 1;
  }
  return runs;
}

/** Where checks put what they find about one file. */
export interface FileCheckContext {
  issues: IssueCollector;
  /** File line of data row `row`. */
  lineOf: (row: number) => number;
}

export function lineMapper(lines: Int32Array | undefined): (row: number) => number {
  return (row) => (lines !== undefined && row < lines.length ? lines[row] : row + 2);
}

/** Collects occurrences: a count and the first few examples. */
export class Occurrences {
  count = 0;
  readonly examples: IssueExample[] = [];

  constructor(private readonly max: number) {}

  add(example: () => IssueExample): void {
    if (this.examples.length < this.max) this.examples.push(example());
    this.count++;
  }
}
