import { CATEGORY_SPECS, allocateCategoryCounts, type CategorySpec } from './category-specs.js';
import { BASE_NAMES, nthName } from './item-names.js';
import type { SeededRandom } from './seeded-random.js';

/** One item of the master file (annex1 + annex4), with the static facts the generator needs. */
export interface CatalogItem {
  code: string;
  /** Names as written to the files (a few keep a trailing space, a few English names repeat). */
  nameEn: string;
  nameCn: string;
  category: CategorySpec;
  /** Sold by the piece (bag/box): quantities are whole units. */
  packaged: boolean;
  /** Loss rate in percent, two decimals. */
  lossRatePct: number;
  /** Typical wholesale price, RMB/kg. */
  baseWholesale: number;
}

/** Share of the real items with a 0 % loss rate (22 of 251) and the cap of the real rates. */
const ZERO_LOSS_SHARE = 22 / 251;
const MAX_LOSS_PCT = 29.25;
/** Trailing-space names: ≈ 2 % of items, at least one. */
const TRAILING_SPACE_SHARE = 0.02;
const REPEATED_NAMES = 4;
/** Dearer specialities (multipliers on the category's wholesale level). */
const PREMIUM: Readonly<Record<string, number>> = {
  Morel: 10,
  'Bamboo Fungus': 5,
  Porcini: 4,
  Maitake: 2.5,
  "Lion's Mane": 2,
  'Colored Pepper': 2,
  'Lotus Seed Pod': 1.8,
};

/** The item master for `n` items, categories in the real proportions, codes sorted ascending. */
export function buildCatalog(n: number, rng: SeededRandom): CatalogItem[] {
  const counts = allocateCategoryCounts(n);
  const items: CatalogItem[] = [];
  const usedCodes = new Set<string>();
  CATEGORY_SPECS.forEach((category, ci) => {
    const bases = nthNameOrder(category, rng);
    for (let j = 0; j < counts[ci]; j++) {
      const name = nthName(category.key, bases, j);
      const premium = PREMIUM[name.base] ?? 1;
      items.push({
        code: uniqueCode(rng, usedCodes),
        nameEn: name.en,
        nameCn: name.cn,
        category,
        packaged: name.packaged,
        lossRatePct: 0,
        baseWholesale: roundTo(
          category.wholesaleMedian * premium * rng.logNormal(0, category.wholesaleSpread),
          0.01,
        ),
      });
    }
  });
  items.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  assignLossRates(items, rng);
  addNameQuirks(items, rng);
  return items;
}

function nthNameOrder(category: CategorySpec, rng: SeededRandom): number[] {
  return rng.shuffle(Array.from({ length: BASE_NAMES[category.key].length }, (_, i) => i));
}

/** 15-digit codes like the real ones: 1029000 followed by 8 digits. */
function uniqueCode(rng: SeededRandom, used: Set<string>): string {
  for (;;) {
    const code = `1029000${String(rng.int(100_000_000)).padStart(8, '0')}`;
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

function assignLossRates(items: CatalogItem[], rng: SeededRandom): void {
  const zeros = new Set(
    rng.shuffle(items.map((_, i) => i)).slice(0, Math.round(items.length * ZERO_LOSS_SHARE)),
  );
  items.forEach((item, i) => {
    if (zeros.has(i)) return;
    const shape = 3;
    const draw = (item.category.lossMean * rng.gamma(shape)) / shape;
    item.lossRatePct = roundTo(Math.min(MAX_LOSS_PCT, Math.max(0.3, draw)), 0.01);
  });
}

/** A few names with a trailing space; four English names repeated on other codes of the category. */
function addNameQuirks(items: CatalogItem[], rng: SeededRandom): void {
  const n = items.length;
  const order = rng.shuffle(items.map((_, i) => i));
  const trailing = n >= 3 ? Math.max(1, Math.round(n * TRAILING_SPACE_SHARE)) : 0;
  for (const i of order.slice(0, trailing)) {
    items[i].nameEn += ' ';
    items[i].nameCn += ' ';
  }
  const wanted = Math.min(REPEATED_NAMES, Math.floor(n / 5));
  let done = 0;
  const taken = new Set<number>(order.slice(0, trailing));
  for (const i of order) {
    if (done >= wanted) break;
    if (taken.has(i)) continue;
    const twin = order.find(
      (j) => j !== i && !taken.has(j) && items[j].category === items[i].category,
    );
    if (twin === undefined) continue;
    items[twin].nameEn = items[i].nameEn;
    taken.add(i);
    taken.add(twin);
    done++;
  }
}

export function roundTo(x: number, step: number): number {
  const inv = 1 / step;
  return Math.round(x * inv) / inv;
}
