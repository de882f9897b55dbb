import type { CatalogItem } from '../../../src/items/item-catalog.js';
import { forecastableFirst, type ServedItems } from '../../../src/items/item-list-order.js';

function item(itemCode: string, index: number): CatalogItem {
  return {
    index,
    itemCode,
    name: `item ${itemCode}`,
    category: 'Leafy',
    categoryCode: '1011010101',
    lossRate: 0.1,
    firstSaleDate: '2022-01-01',
    lastSaleDate: '2022-06-30',
    daysSold: 100,
    haystack: itemCode,
  };
}

describe('GET /items order (forecastableFirst)', () => {
  // In code order, as the catalog search returns them.
  const items = ['101', '102', '103', '104', '105', '106'].map(item);
  const served = (quantity: string[], price: string[] = [], wholesale: string[] = []) =>
    ({
      quantity: new Set(quantity),
      price: new Set(price),
      wholesale: new Set(wholesale),
    }) satisfies ServedItems;
  const codes = (list: CatalogItem[]) => list.map((i) => i.itemCode);

  it('puts items with a demand forecast first, then price-only ones, then the rest, each in code order', () => {
    const ordered = forecastableFirst(
      items,
      served(['106', '103', '105'], ['101', '106'], ['104']),
    );
    expect(codes(ordered)).toEqual(['103', '105', '106', '101', '104', '102']);
  });

  it('keeps code order when every item, or none, has a forecast', () => {
    const all = ['101', '102', '103', '104', '105', '106'];
    expect(codes(forecastableFirst(items, served(all)))).toEqual(all);
    expect(codes(forecastableFirst(items, served([])))).toEqual(all);
  });

  it('leaves the list it was given as it was', () => {
    forecastableFirst(items, served(['106']));
    expect(codes(items)).toEqual(['101', '102', '103', '104', '105', '106']);
  });
});
