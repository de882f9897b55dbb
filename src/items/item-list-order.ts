import type { Target } from '../data/series-panel.js';
import type { CatalogItem } from './item-catalog.js';

/** Item codes with a served forecast, per target. */
export type ServedItems = Record<Target, ReadonlySet<string>>;

/**
 * The order of GET /items: the items a buyer can plan first, each group in the order given (code
 * order): those with a served demand forecast, then those with a served price or wholesale
 * forecast only, then those with none (too little history, discontinued, or no model yet).
 */
export function forecastableFirst(
  items: readonly CatalogItem[],
  served: ServedItems,
): CatalogItem[] {
  const demand: CatalogItem[] = [];
  const pricesOnly: CatalogItem[] = [];
  const none: CatalogItem[] = [];
  for (const item of items) {
    const code = item.itemCode;
    if (served.quantity.has(code)) demand.push(item);
    else if (served.price.has(code) || served.wholesale.has(code)) pricesOnly.push(item);
    else none.push(item);
  }
  return [...demand, ...pricesOnly, ...none];
}
