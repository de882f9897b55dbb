import type { LongSeriesColumns } from '../../../../src/data/annex.types.js';
import { addDays } from '../../../../src/data/dates.js';
import {
  MIN_SERIES_HISTORY,
  validateLongFormat,
} from '../../../../src/data/validation/long-format.validator.js';

function longOf(rows: [string, string, number][]): LongSeriesColumns {
  return {
    length: rows.length,
    uniqueId: rows.map((r) => r[0]),
    ds: rows.map((r) => r[1]),
    y: Float64Array.from(rows.map((r) => r[2])),
    extra: {},
  };
}

function daily(id: string, start: string, days: number, y = 5): [string, string, number][] {
  return Array.from(
    { length: days },
    (_, i) => [id, addDays(start, i), y] as [string, string, number],
  );
}

describe('validateLongFormat', () => {
  it('is clean for complete series long enough to backtest', () => {
    const report = validateLongFormat(
      longOf([...daily('a', '2021-01-01', 90), ...daily('b', '2021-01-11', 80)]),
    );
    expect(report.summary).toMatchObject({
      ok: true,
      clean: true,
      series: 2,
      items: null,
      rows: 170,
      dateRange: { start: '2021-01-01', end: '2021-03-31', days: 90 },
      missingKinds: [],
    });
    expect(report.files[0].kind).toBe('long');
  });

  it('reports repeated keys, negative values, short series and gaps', () => {
    const rows = [
      ...daily('a', '2021-01-01', 60),
      ['a', '2021-01-05', 5] as [string, string, number], // same y: repeat
      ['a', '2021-01-06', 9] as [string, string, number], // other y: conflict
      ...daily('b', '2021-01-01', 10, -1),
      ['b', '2021-01-20', 1] as [string, string, number], // 9 days missing in between
    ];
    const report = validateLongFormat(longOf(rows));
    const f = report.files[0];
    const find = (code: string) =>
      [...f.errors, ...f.warnings, ...f.notes].find((i) => i.code === code);
    expect(find('duplicate-key')).toMatchObject({
      severity: 'warning',
      count: 1,
      examples: [{ line: 62 }],
    });
    expect(find('conflicting-key')).toMatchObject({
      severity: 'error',
      examples: [{ line: 63, value: 'a 2021-01-06', detail: 'also on line 7 (y 5 vs 9)' }],
    });
    expect(find('negative-value')?.count).toBe(10);
    expect(find('short-series')).toMatchObject({
      count: 1,
      examples: [{ value: 'b', detail: '11 observations' }],
    });
    expect(find('short-series')?.message).toContain(String(MIN_SERIES_HISTORY));
    expect(find('series-gaps')).toMatchObject({ severity: 'info', count: 1 });
    expect(find('series-gaps')?.message).toContain('9 days');
    expect(report.summary.hasErrors).toBe(true);
  });
});
