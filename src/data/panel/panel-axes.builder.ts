import type { AnnexData } from '../annex.types.js';
import { dateRange, fromEpochDay, toEpochDay } from '../dates.js';

/** The two axes of a panel and the lookups that place a source row on them. */
export interface PanelAxes {
  /** Series ids, sorted. */
  seriesIds: string[];
  /** Every day from the first to the last valid date of the source. */
  dates: string[];
  seriesIndex: Map<string, number>;
  /** ISO date → day index; only valid ISO dates inside the calendar are keys. */
  dayIndex: Map<string, number>;
}

/** Sorted by UTF-16 code units (15-digit item codes sort numerically). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Axes from a set of ids and the span of valid dates seen. Empty ids are dropped. */
export function axesOf(ids: Iterable<string>, span: DateSpan): PanelAxes {
  const seriesIds = [...new Set(ids)].filter((id) => id !== '').sort(compareIds);
  const dates = span.dates();
  return {
    seriesIds,
    dates,
    seriesIndex: new Map(seriesIds.map((id, s) => [id, s])),
    dayIndex: new Map(dates.map((iso, t) => [iso, t])),
  };
}

/** Tracks the first and last valid ISO date of date columns (each distinct string parsed once). */
export class DateSpan {
  private readonly epochOf = new Map<string, number>();
  private first = Infinity;
  private last = -Infinity;

  add(dates: readonly string[], n = dates.length): this {
    for (let i = 0; i < n; i++) {
      const iso = dates[i];
      let day = this.epochOf.get(iso);
      if (day === undefined) {
        day = toEpochDay(iso);
        this.epochOf.set(iso, day);
      }
      if (day < this.first) this.first = day;
      if (day > this.last) this.last = day;
    }
    return this;
  }

  dates(): string[] {
    return this.first <= this.last
      ? dateRange(fromEpochDay(this.first), fromEpochDay(this.last))
      : [];
  }
}

/**
 * Series and calendar of an annex panel: item master codes plus unknown codes seen in sales or
 * wholesale; every day from the first to the last date in sales ∪ wholesale. Rows with an empty item
 * code or a date that is not a real ISO date are not placed on the axes (validation reports them).
 */
export function buildAnnexAxes(data: AnnexData): PanelAxes {
  const { items, sales, wholesale } = data;
  const ids = new Set<string>(items.code);
  for (let i = 0; i < sales.length; i++) ids.add(sales.itemCode[i]);
  for (let i = 0; i < wholesale.length; i++) ids.add(wholesale.itemCode[i]);
  const span = new DateSpan().add(sales.date, sales.length).add(wholesale.date, wholesale.length);
  return axesOf(ids, span);
}
