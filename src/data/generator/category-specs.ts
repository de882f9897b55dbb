/**
 * The six categories of the real store, with their real item counts and the levels the generator draws
 * from (wholesale price, scan-line size, loss rate). Order: by item count, largest first.
 */
export interface CategorySpec {
  key: 'leaf' | 'mushroom' | 'capsicum' | 'aquatic' | 'solanum' | 'cabbage';
  code: string;
  /** English name exactly as in the real files (Flower/Leaf carries a non-breaking space). */
  nameEn: string;
  nameCn: string;
  /** Items in the real 251-item master. */
  realCount: number;
  /** Median wholesale price, RMB/kg, and log-spread across items. */
  wholesaleMedian: number;
  wholesaleSpread: number;
  /** Median kg per scan line. */
  lineKgMedian: number;
  /** Mean loss rate (%) of items with a non-zero rate. */
  lossMean: number;
  /** Weight for being one of the dense (best-selling, always listed) items. */
  denseWeight: number;
}

export const CATEGORY_SPECS: readonly CategorySpec[] = [
  {
    key: 'leaf',
    code: '1011010101',
    nameEn: 'Flower/Leaf\u00a0Vegetables',
    nameCn: '花叶类',
    realCount: 100,
    wholesaleMedian: 3.4,
    wholesaleSpread: 0.45,
    lineKgMedian: 0.355,
    lossMean: 12.6,
    denseWeight: 1,
  },
  {
    key: 'mushroom',
    code: '1011010801',
    nameEn: 'Edible Mushroom',
    nameCn: '食用菌',
    realCount: 72,
    wholesaleMedian: 7.5,
    wholesaleSpread: 0.55,
    lineKgMedian: 0.3,
    lossMean: 8.8,
    denseWeight: 0.8,
  },
  {
    key: 'capsicum',
    code: '1011010504',
    nameEn: 'Capsicum',
    nameCn: '辣椒类',
    realCount: 45,
    wholesaleMedian: 5.5,
    wholesaleSpread: 0.5,
    lineKgMedian: 0.3,
    lossMean: 9.5,
    denseWeight: 1.6,
  },
  {
    key: 'aquatic',
    code: '1011010402',
    nameEn: 'Aquatic Tuberous Vegetables',
    nameCn: '水生根茎类',
    realCount: 19,
    wholesaleMedian: 8.5,
    wholesaleSpread: 0.4,
    lineKgMedian: 0.64,
    lossMean: 11.9,
    denseWeight: 1.5,
  },
  {
    key: 'solanum',
    code: '1011010501',
    nameEn: 'Solanum',
    nameCn: '茄类',
    realCount: 10,
    wholesaleMedian: 4.6,
    wholesaleSpread: 0.3,
    lineKgMedian: 0.59,
    lossMean: 7.3,
    denseWeight: 1.5,
  },
  {
    key: 'cabbage',
    code: '1011010201',
    nameEn: 'Cabbage',
    nameCn: '花菜类',
    realCount: 5,
    wholesaleMedian: 6.5,
    wholesaleSpread: 0.25,
    lineKgMedian: 0.64,
    lossMean: 10.9,
    denseWeight: 2.5,
  },
];

export const REAL_ITEM_COUNT = CATEGORY_SPECS.reduce((s, c) => s + c.realCount, 0);

/**
 * Items per category for `n` items, proportional to the real counts (largest remainder), with every
 * category present once n ≥ 6.
 */
export function allocateCategoryCounts(n: number): number[] {
  const exact = CATEGORY_SPECS.map((c) => (c.realCount * n) / REAL_ITEM_COUNT);
  const counts = exact.map(Math.floor);
  const order = exact
    .map((x, i) => ({ i, rem: x - Math.floor(x) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  let left = n - counts.reduce((s, c) => s + c, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i]++;
    left--;
  }
  if (n >= CATEGORY_SPECS.length) {
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] > 0) continue;
      const donor = counts.indexOf(Math.max(...counts));
      counts[donor]--;
      counts[i]++;
    }
  }
  return counts;
}
