import { dateRange } from '../../../../src/data/dates.js';
import { buildAnnexPanel } from '../../../../src/data/panel/annex-panel.builder.js';
import { aggregateSalesTyped } from '../../../../src/data/panel/daily-sales.typed-aggregator.js';
import { aggregateSalesArquero } from '../../../../bench/daily-sales.arquero-aggregator.js';
import type { SeriesPanel } from '../../../../src/data/series-panel.js';
import { annexData, seededRandom, type SaleLine } from './annex-data.fixture.js';

function value(panel: SeriesPanel, column: string, id: string, date: string): number {
  const s = panel.seriesIds.indexOf(id);
  const t = panel.dates.indexOf(date);
  if (s < 0 || t < 0) throw new Error(`no cell ${id} ${date}`);
  return panel.columns.get(column)![s * panel.dates.length + t];
}
function listed(panel: SeriesPanel, id: string, date: string): number {
  return panel.listed[panel.seriesIds.indexOf(id) * panel.dates.length + panel.dates.indexOf(date)];
}

const data = annexData({
  items: [
    { code: '100', name: ' Spinach ', categoryCode: 'c1', categoryName: 'Leaf' },
    { code: '200', name: 'Pepper', categoryCode: 'c2', categoryName: 'Capsicum' },
    { code: '300', name: 'Never seen', categoryCode: 'c2', categoryName: 'Capsicum' },
  ],
  sales: [
    { date: '2023-01-01', item: '100', qty: 2, price: 10 },
    { date: '2023-01-01', item: '100', qty: 1, price: 8, disc: true },
    { date: '2023-01-01', item: '100', qty: -0.5, price: 10, ret: true },
    { date: '2023-01-01', item: '100', qty: NaN, price: 10 }, // unreadable quantity: skipped
    { date: '2023-13-01', item: '100', qty: 5, price: 10 }, // not a date: skipped
    { date: '2023-01-02', item: '200', qty: 1, price: 5 }, // sold without a quote
    { date: '2023-01-05', item: '050', qty: 1, price: 3 }, // code missing from the item master
    { date: '2023-01-05', item: '200', qty: -1, price: 5, ret: true }, // a return-only day
  ],
  quotes: [
    { date: '2023-01-01', item: '100', price: 6 },
    { date: '2023-01-02', item: '100', price: 6.5 }, // quoted, nothing sold
    { date: '2023-01-04', item: '100', price: 7 },
    { date: '2023-01-04', item: '100', price: 8 }, // duplicate key
  ],
  lossPct: { '100': 4.39, '200': 10 },
});

// arquero's group-by (a devDependency, kept in bench/) is the oracle of the typed-array default.
describe.each([
  ['typed', aggregateSalesTyped],
  ['arquero', aggregateSalesArquero],
] as const)('annex panel (%s engine)', (_engine, aggregate) => {
  const panel = buildAnnexPanel(data, { aggregate });

  it('spans every day from the first to the last date, closure days included', () => {
    expect(panel.dates).toEqual(dateRange('2023-01-01', '2023-01-05'));
    expect(panel.source).toBe('annex');
  });

  it('has every master item plus unknown codes, sorted', () => {
    expect(panel.seriesIds).toEqual(['050', '100', '200', '300']);
  });

  it('makes a listed day without sales 0 and an unlisted day missing', () => {
    expect(listed(panel, '100', '2023-01-02')).toBe(1);
    expect(value(panel, 'quantity', '100', '2023-01-02')).toBe(0);
    expect(value(panel, 'revenue', '100', '2023-01-02')).toBe(0);
    expect(value(panel, 'return_kg', '100', '2023-01-02')).toBe(0);
    expect(value(panel, 'price', '100', '2023-01-02')).toBeNaN();
    expect(value(panel, 'wholesale', '100', '2023-01-02')).toBeCloseTo(6.5, 6);

    expect(listed(panel, '200', '2023-01-04')).toBe(0);
    for (const column of panel.columns.keys()) {
      expect(value(panel, column, '200', '2023-01-04')).toBeNaN();
    }
  });

  it('treats a day with no rows at all (store closed) as missing for everyone', () => {
    for (const id of panel.seriesIds) {
      expect(listed(panel, id, '2023-01-03')).toBe(0);
      expect(value(panel, 'quantity', id, '2023-01-03')).toBeNaN();
    }
  });

  it('counts a sale as proof of listing without a wholesale quote', () => {
    expect(listed(panel, '200', '2023-01-02')).toBe(1);
    expect(value(panel, 'quantity', '200', '2023-01-02')).toBe(1);
    expect(value(panel, 'wholesale', '200', '2023-01-02')).toBeNaN();
  });

  it('nets returns, prices sold kg and measures the discount share', () => {
    const day = '2023-01-01';
    expect(value(panel, 'quantity', '100', day)).toBe(2.5);
    expect(value(panel, 'revenue', '100', day)).toBe(23); // 20 + 8 − 5
    expect(value(panel, 'price', '100', day)).toBe(Math.fround(28 / 3));
    expect(value(panel, 'discount_share', '100', day)).toBe(Math.fround(1 / 3));
    expect(value(panel, 'return_kg', '100', day)).toBe(0.5);
    expect(value(panel, 'wholesale', '100', day)).toBe(6);
  });

  it('keeps a return-only day listed with negative net kg and no price', () => {
    expect(listed(panel, '200', '2023-01-05')).toBe(1);
    expect(value(panel, 'quantity', '200', '2023-01-05')).toBe(-1);
    expect(value(panel, 'return_kg', '200', '2023-01-05')).toBe(1);
    expect(value(panel, 'price', '200', '2023-01-05')).toBeNaN();
  });

  it('averages duplicate quotes of a day', () => {
    expect(value(panel, 'wholesale', '100', '2023-01-04')).toBe(7.5);
  });

  it('leaves an item that never appears missing on every day', () => {
    const s = panel.seriesIds.indexOf('300');
    const q = panel.columns.get('quantity')!.subarray(s * 5, s * 5 + 5);
    expect(Array.from(q).every(Number.isNaN)).toBe(true);
  });

  it('takes statics from the item master and loss rates as fractions', () => {
    const { statics } = panel;
    expect(statics.name).toEqual(['', 'Spinach', 'Pepper', 'Never seen']);
    expect(statics.categoryCode).toEqual(['', 'c1', 'c2', 'c2']);
    expect(statics.categoryName[1]).toBe('Leaf');
    expect(statics.lossRate[1]).toBe(Math.fround(0.0439));
    expect(statics.lossRate[0]).toBeNaN();
    expect(statics.lossRate[3]).toBeNaN();
  });
});

describe('panel engines', () => {
  it('give bit-identical panels on a random input', () => {
    const rand = seededRandom(42);
    const codes = ['101', '102', '103', '104', '105', '999'];
    const days = dateRange('2022-01-01', '2022-03-01');
    const sales: SaleLine[] = Array.from({ length: 3000 }, () => {
      const ret = rand() < 0.05;
      return {
        date: days[Math.floor(rand() * days.length)],
        item: codes[Math.floor(rand() * codes.length)],
        qty: ((ret ? -1 : 1) * Math.round(rand() * 3000)) / 1000,
        price: Math.round(rand() * 2000) / 100,
        ret,
        disc: rand() < 0.2,
      };
    });
    const quotes = Array.from({ length: 150 }, () => ({
      date: days[Math.floor(rand() * days.length)],
      item: codes[Math.floor(rand() * 5)],
      price: Math.round(rand() * 1000) / 100,
    }));
    const input = annexData({ items: codes.slice(0, 5).map((code) => ({ code })), sales, quotes });
    const a = buildAnnexPanel(input);
    const b = buildAnnexPanel(input, { aggregate: aggregateSalesArquero });
    expect(b.seriesIds).toEqual(a.seriesIds);
    expect(b.dates).toEqual(a.dates);
    expect(b.listed).toEqual(a.listed);
    expect([...b.columns.keys()]).toEqual([...a.columns.keys()]);
    for (const [name, values] of a.columns) {
      const bits = (x: Float32Array): Uint32Array =>
        new Uint32Array(x.buffer, x.byteOffset, x.length);
      expect(bits(b.columns.get(name)!)).toEqual(bits(values));
    }
    expect(a.listed.reduce((n, v) => n + v, 0)).toBeGreaterThan(100);
  });

  it('build an empty panel from empty files', () => {
    const panel = buildAnnexPanel(annexData({ items: [{ code: '1' }] }));
    expect(panel.dates).toEqual([]);
    expect(panel.seriesIds).toEqual(['1']);
    expect(panel.columns.get('quantity')).toHaveLength(0);
  });
});
