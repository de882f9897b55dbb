import { buildAnnexPanel } from '../../../src/data/panel/annex-panel.builder.js';
import { dateRange } from '../../../src/data/dates.js';
import type { SeriesPanel } from '../../../src/data/series-panel.js';
import { defaultFeatureSpec } from '../../../src/features/default-feature.spec.js';
import { featureIndex, type FeatureMatrix } from '../../../src/features/feature-matrix.types.js';
import { buildFeatures } from '../../../src/features/feature.pipeline.js';
import { annexData, seededRandom, type SaleLine } from '../data/panel/annex-data.fixture.js';
import { panelOf } from '../../helpers/synthetic-panel.js';

function feature(m: FeatureMatrix, name: string, s: number, t: number): number {
  return m.values[featureIndex(m, s, t, m.names.indexOf(name))];
}

/** An annex panel with intermittent sales, quotes, returns and discounts over 120 days. */
function randomAnnexPanel(seed: number): SeriesPanel {
  const rand = seededRandom(seed);
  const days = dateRange('2022-12-01', '2023-03-30');
  const codes = ['11', '12', '13', '14'];
  const sales: SaleLine[] = [];
  const quotes: { date: string; item: string; price: number }[] = [];
  for (const date of days) {
    for (const item of codes) {
      if (rand() < 0.6) quotes.push({ date, item, price: 2 + rand() * 5 });
      const lines = rand() < 0.5 ? Math.floor(rand() * 5) : 0;
      for (let l = 0; l < lines; l++) {
        const ret = rand() < 0.05;
        sales.push({
          date,
          item,
          qty: (ret ? -1 : 1) * rand() * 3,
          price: 4 + rand() * 6,
          ret,
          disc: rand() < 0.2,
        });
      }
    }
  }
  return buildAnnexPanel(
    annexData({
      items: codes.map((code, i) => ({
        code,
        categoryCode: `c${i % 2}`,
        categoryName: `cat ${i % 2}`,
      })),
      sales,
      quotes,
      lossPct: { '11': 5, '12': 0, '13': 12.5, '14': 9 },
    }),
  );
}

/** A copy of the panel whose data after day index `d` (or only on `d` when `only`) is scrambled. */
function scrambled(panel: SeriesPanel, d: number, only = false): SeriesPanel {
  const rand = seededRandom(99);
  const T = panel.dates.length;
  const touch = (t: number): boolean => (only ? t === d : t > d);
  const columns = new Map<string, Float32Array>();
  for (const [name, values] of panel.columns) {
    const copy = values.slice();
    copy.forEach((v, c) => {
      if (touch(c % T)) copy[c] = rand() < 0.3 ? NaN : Number.isNaN(v) ? rand() * 50 : v * 3 + 1;
    });
    columns.set(name, copy);
  }
  const listed = panel.listed.map((v, c) => (touch(c % T) ? 1 - v : v));
  return { ...panel, columns, listed };
}

function rowBits(m: FeatureMatrix, s: number, from: number, to: number): Uint32Array {
  const F = m.names.length;
  const T = m.dates.length;
  return new Uint32Array(m.values.buffer.slice((s * T + from) * F * 4, (s * T + to) * F * 4));
}

describe('feature pipeline: no look-ahead', () => {
  const panel = randomAnnexPanel(3);
  const base = buildFeatures(panel);

  it.each([0, 30, 64, 118])('features up to day %i ignore every later value', (d) => {
    const after = buildFeatures(scrambled(panel, d));
    let changedLater = false;
    for (let s = 0; s < panel.seriesIds.length; s++) {
      expect(rowBits(after, s, 0, d + 1)).toEqual(rowBits(base, s, 0, d + 1));
      const T = panel.dates.length;
      if (d + 2 < T) {
        changedLater ||= rowBits(after, s, d + 1, T).some(
          (v, i) => v !== rowBits(base, s, d + 1, T)[i],
        );
      }
    }
    if (d + 2 < panel.dates.length) expect(changedLater).toBe(true);
  });

  it('features of a day do not read that day itself (as of the previous day)', () => {
    const d = 50;
    const after = buildFeatures(scrambled(panel, d, true));
    for (let s = 0; s < panel.seriesIds.length; s++) {
      expect(rowBits(after, s, 0, d + 1)).toEqual(rowBits(base, s, 0, d + 1));
    }
    const lag1 = (m: FeatureMatrix, s: number): number => feature(m, 'listed_lag_1', s, d + 1);
    expect(panel.seriesIds.some((_, s) => lag1(after, s) !== lag1(base, s))).toBe(true);
  });
});

describe('feature pipeline: values', () => {
  const q = [1, NaN, 3, 0, 5, NaN, 7, 8, 9, 10];
  const panel = panelOf({
    start: '2023-01-18',
    ids: ['a', 'b'],
    columns: {
      quantity: [q, q.map(() => NaN)],
      price: [q.map((v, t) => 2 + t), q.map(() => NaN)],
      wholesale: [q.map(() => 1), q.map(() => NaN)],
    },
    categoryCode: ['c9', 'c1'],
    categoryName: ['Nine', 'One'],
    lossRate: [0.05, NaN],
  });
  const m = buildFeatures(panel);

  it('lays out series × day × feature with the spec names', () => {
    expect(m.values).toHaveLength(2 * 10 * m.names.length);
    expect(m.names).toEqual(m.spec.features.map((f) => f.name));
    expect(m.seriesIds).toEqual(['a', 'b']);
    expect(m.target).toBe('quantity');
  });

  it('lags the target and gives NaN when the lagged day is missing', () => {
    expect(feature(m, 'y_lag_1', 0, 3)).toBe(3);
    expect(feature(m, 'y_lag_1', 0, 2)).toBeNaN(); // day 1 missing
    expect(feature(m, 'y_lag_1', 0, 0)).toBeNaN(); // before the calendar
    expect(feature(m, 'y_lag_7', 0, 9)).toBe(3);
    expect(feature(m, 'y_lag_7', 0, 8)).toBeNaN();
  });

  it('takes rolling stats over the days before the row, ignoring missing days', () => {
    // day 4 sees days 0..3 = 1, NaN, 3, 0
    expect(feature(m, 'y_mean_7', 0, 4)).toBeCloseTo(4 / 3, 6);
    expect(feature(m, 'y_std_7', 0, 4)).toBeCloseTo(
      Math.sqrt(((1 - 4 / 3) ** 2 + (3 - 4 / 3) ** 2 + (4 / 3) ** 2) / 2),
      6,
    );
    expect(feature(m, 'y_mean_7', 0, 0)).toBeNaN();
    expect(feature(m, 'y_std_7', 0, 1)).toBeNaN(); // one observation
    expect(feature(m, 'y_mean_7', 1, 9)).toBeNaN(); // nothing observed
  });

  it('derives markup and price change from past prices', () => {
    // days 2..8: price 4..10 → mean 7; wholesale 1
    expect(feature(m, 'markup_7', 0, 9)).toBeCloseTo(7, 6);
    // mean(2..8)=7 vs mean(0..1)=2.5 (window clipped at the start)
    expect(feature(m, 'price_change_7', 0, 9)).toBeCloseTo(7 / 2.5 - 1, 6);
    expect(feature(m, 'wholesale_change_7', 0, 9)).toBe(0);
    expect(feature(m, 'price_lag_1', 0, 5)).toBe(6);
  });

  it('adds calendar and holiday values of the row date', () => {
    const t = 3; // 2023-01-21, Saturday, Spring Festival eve
    expect(feature(m, 'day_of_week', 0, t)).toBe(6);
    expect(feature(m, 'month', 0, t)).toBe(1);
    expect(feature(m, 'day_of_year', 0, t)).toBe(21);
    expect(feature(m, 'is_weekend', 0, t)).toBe(1);
    expect(feature(m, 'is_public_holiday', 0, t)).toBe(1);
    expect(feature(m, 'spring_festival_distance', 1, t)).toBe(-1);
    expect(feature(m, 'days_to_holiday', 0, 0)).toBe(3);
    expect(feature(m, 'days_since_holiday', 0, 0)).toBe(16); // 2023-01-02, New Year holiday
  });

  it('encodes category as an index into the spec codes, with names', () => {
    const cat = m.spec.features.find((f) => f.name === 'category');
    expect(cat?.op === 'category' && cat.params).toEqual({
      codes: ['c1', 'c9'],
      names: ['One', 'Nine'],
    });
    expect(feature(m, 'category', 0, 5)).toBe(1);
    expect(feature(m, 'category', 1, 5)).toBe(0);
    expect(feature(m, 'loss_rate', 0, 5)).toBe(Math.fround(0.05));
  });

  it('reuses stored category codes; an unknown category is missing', () => {
    const stored = defaultFeatureSpec();
    stored.features = stored.features.map((f) =>
      f.op === 'category' ? { ...f, params: { codes: ['c9', 'c5'], names: ['Nine', 'Five'] } } : f,
    );
    const again = buildFeatures(panel, stored);
    expect(feature(again, 'category', 0, 0)).toBe(0);
    expect(feature(again, 'category', 1, 0)).toBeNaN();
  });

  it('computes the target the caller asks for', () => {
    const byPrice = buildFeatures(panel, undefined, 'price');
    expect(byPrice.target).toBe('price');
    expect(feature(byPrice, 'y_lag_1', 0, 5)).toBe(6);
  });
});
