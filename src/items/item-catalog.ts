import type { SeriesPanel } from '../data/series-panel.js';

/** What the panel says about one item (forecast flags are added per request). */
export interface CatalogItem {
  index: number;
  itemCode: string;
  name: string;
  category: string;
  categoryCode: string;
  lossRate: number | null;
  firstSaleDate: string | null;
  lastSaleDate: string | null;
  daysSold: number;
  /** Lower-case code and name, for the text search. */
  haystack: string;
}

export interface ItemCatalog {
  items: CatalogItem[];
  byCode: Map<string, CatalogItem>;
  categories: string[];
}

const catalogs = new WeakMap<SeriesPanel, ItemCatalog>();

/** The item catalog of a panel, computed once per panel (one pass over the quantity column). */
export function itemCatalog(panel: SeriesPanel): ItemCatalog {
  let catalog = catalogs.get(panel);
  if (!catalog) {
    catalog = buildCatalog(panel);
    catalogs.set(panel, catalog);
  }
  return catalog;
}

function buildCatalog(panel: SeriesPanel): ItemCatalog {
  const T = panel.dates.length;
  const quantity = panel.columns.get('quantity');
  const { name, categoryName, categoryCode, lossRate } = panel.statics;
  const items = panel.seriesIds.map((itemCode, s): CatalogItem => {
    let first = -1;
    let last = -1;
    let days = 0;
    if (quantity)
      for (let t = 0; t < T; t++) {
        const v = quantity[s * T + t];
        if (v > 0) {
          if (first < 0) first = t;
          last = t;
          days++;
        }
      }
    const rate = lossRate[s];
    return {
      index: s,
      itemCode,
      name: name[s] ?? '',
      category: categoryName[s] ?? '',
      categoryCode: categoryCode[s] ?? '',
      lossRate: Number.isFinite(rate) ? Math.round(rate * 10000) / 10000 : null,
      firstSaleDate: first < 0 ? null : panel.dates[first],
      lastSaleDate: last < 0 ? null : panel.dates[last],
      daysSold: days,
      haystack: `${itemCode}\u0000${name[s] ?? ''}`.toLowerCase(),
    };
  });
  const categories = [...new Set(items.map((i) => i.category).filter((c) => c !== ''))].sort();
  return { items, byCode: new Map(items.map((i) => [i.itemCode, i])), categories };
}

export interface CatalogQuery {
  q?: string;
  category?: string;
  /** Keeps only items for which this returns true (applied last). */
  keep?: (item: CatalogItem) => boolean;
}

/** Items matching the query, in code order. */
export function searchCatalog(catalog: ItemCatalog, query: CatalogQuery): CatalogItem[] {
  const text = query.q?.trim().toLowerCase() ?? '';
  const category = query.category?.trim().toLowerCase() ?? '';
  return catalog.items.filter(
    (item) =>
      (text === '' || item.haystack.includes(text)) &&
      (category === '' ||
        item.category.toLowerCase() === category ||
        item.categoryCode.toLowerCase() === category) &&
      (query.keep === undefined || query.keep(item)),
  );
}
