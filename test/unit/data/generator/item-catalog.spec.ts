import {
  CATEGORY_SPECS,
  allocateCategoryCounts,
} from '../../../../src/data/generator/category-specs.js';
import { buildCatalog } from '../../../../src/data/generator/item-catalog.js';
import { SeededRandom } from '../../../../src/data/generator/seeded-random.js';

describe('allocateCategoryCounts', () => {
  it('gives the real counts for 251 items', () => {
    expect(allocateCategoryCounts(251)).toEqual([100, 72, 45, 19, 10, 5]);
  });

  it.each([6, 20, 60, 1000])('keeps every category and the total for %p items', (n) => {
    const counts = allocateCategoryCounts(n);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(n);
    expect(counts.every((c) => c >= 1)).toBe(true);
    expect(counts[0]).toBeGreaterThanOrEqual(Math.max(...counts.slice(1)));
  });

  it('puts a single item in the largest category', () => {
    expect(allocateCategoryCounts(1)).toEqual([1, 0, 0, 0, 0, 0]);
  });
});

describe('buildCatalog', () => {
  const items = buildCatalog(251, new SeededRandom(42, 'catalog'));

  it('has unique sorted 15-digit codes and the six categories', () => {
    const codes = items.map((i) => i.code);
    expect(new Set(codes).size).toBe(251);
    expect([...codes].sort()).toEqual(codes);
    expect(codes.every((c) => c.length === 15)).toBe(true);
    expect(new Set(items.map((i) => i.category))).toEqual(new Set(CATEGORY_SPECS));
  });

  it('has 22 zero loss rates, the rest up to 29.25 %, mean ≈ 9.4 %', () => {
    const rates = items.map((i) => i.lossRatePct);
    expect(rates.filter((r) => r === 0)).toHaveLength(22);
    expect(Math.max(...rates)).toBeLessThanOrEqual(29.25);
    const mean = rates.reduce((s, r) => s + r, 0) / rates.length;
    expect(mean).toBeGreaterThan(8);
    expect(mean).toBeLessThan(11);
  });

  it('repeats four English names on other codes and pads a few names', () => {
    const names = items.map((i) => i.nameEn);
    const repeats = names.filter((n, i) => names.indexOf(n) !== i);
    expect(repeats).toHaveLength(4);
    expect(new Set(items.map((i) => i.nameCn)).size).toBe(251);
    expect(items.filter((i) => i.nameEn.endsWith(' ')).length).toBe(5);
  });

  it('prices mushrooms and aquatic produce above leaf vegetables', () => {
    const medianOf = (key: string): number => {
      const v = items
        .filter((i) => i.category.key === key)
        .map((i) => i.baseWholesale)
        .sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)];
    };
    expect(medianOf('mushroom')).toBeGreaterThan(medianOf('leaf'));
    expect(medianOf('aquatic')).toBeGreaterThan(medianOf('leaf'));
  });
});
