import type { LongSeriesColumns } from '../../../../src/data/annex.types.js';
import { buildLongPanel } from '../../../../src/data/panel/long-panel.builder.js';

function longColumns(
  rows: [string, string, number, number?][],
  extraName = 'promo',
): LongSeriesColumns {
  return {
    length: rows.length,
    uniqueId: rows.map((r) => r[0]),
    ds: rows.map((r) => r[1]),
    y: Float64Array.from(rows, (r) => r[2]),
    extra: { [extraName]: Float64Array.from(rows, (r) => r[3] ?? NaN) },
  };
}

describe('long-format panel', () => {
  const long = longColumns([
    ['b', '2024-03-01', 5, 1],
    ['a', '2024-03-03', 2],
    ['a', '2024-03-01', 1, 0],
    ['b', '2024-03-04', NaN, 1], // empty y, an extra value
    ['a', '2024-03-01', 3, 1], // repeated key: the last row wins
    ['c', 'not-a-date', 9],
  ]);
  const panel = buildLongPanel(long);
  const at = (column: string, s: number, t: number): number =>
    panel.columns.get(column)![s * panel.dates.length + t];

  it('sorts ids, spans min..max ds and skips rows without a valid date', () => {
    expect(panel.seriesIds).toEqual(['a', 'b', 'c']);
    expect(panel.dates).toEqual(['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04']);
    expect(panel.source).toBe('long');
  });

  it('puts y under the target, extras under their names, and leaves absent rows missing', () => {
    expect([...panel.columns.keys()]).toEqual(['quantity', 'promo']);
    expect(at('quantity', 0, 0)).toBe(3);
    expect(at('promo', 0, 0)).toBe(1);
    expect(at('quantity', 0, 1)).toBeNaN();
    expect(at('quantity', 0, 2)).toBe(2);
    expect(at('promo', 0, 2)).toBeNaN();
    expect(at('promo', 1, 3)).toBe(1);
    expect(Array.from(panel.columns.get('quantity')!.subarray(8, 12)).every(Number.isNaN)).toBe(
      true,
    );
  });

  it('lists exactly the cells where y is present', () => {
    expect(Array.from(panel.listed)).toEqual([1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('routes y to another target and lets y win over an extra of the same name', () => {
    const p = buildLongPanel(longColumns([['x', '2024-01-01', 4, 7]], 'price'), {
      target: 'price',
    });
    expect([...p.columns.keys()]).toEqual(['price']);
    expect(p.columns.get('price')![0]).toBe(4);
  });

  it('has unknown statics', () => {
    expect(panel.statics.categoryCode).toEqual(['', '', '']);
    expect(Array.from(panel.statics.lossRate).every(Number.isNaN)).toBe(true);
  });
});
