import type { AnnexData } from '../../../../src/data/annex.types.js';

export interface ItemRow {
  code: string;
  name?: string;
  categoryCode?: string;
  categoryName?: string;
}
export interface SaleLine {
  date: string;
  item: string;
  qty: number;
  price: number;
  ret?: boolean;
  disc?: boolean;
}
export interface Quote {
  date: string;
  item: string;
  price: number;
}

/** Columnar AnnexData from readable rows, as the annex readers would produce it. */
export function annexData(input: {
  items: ItemRow[];
  sales?: SaleLine[];
  quotes?: Quote[];
  lossPct?: Record<string, number>;
}): AnnexData {
  const sales = input.sales ?? [];
  const quotes = input.quotes ?? [];
  const loss = Object.entries(input.lossPct ?? {});
  return {
    items: {
      code: input.items.map((i) => i.code),
      name: input.items.map((i) => i.name ?? `item ${i.code}`),
      categoryCode: input.items.map((i) => i.categoryCode ?? ''),
      categoryName: input.items.map((i) => i.categoryName ?? ''),
    },
    sales: {
      length: sales.length,
      date: sales.map((l) => l.date),
      time: sales.map(() => '09:00:00'),
      itemCode: sales.map((l) => l.item),
      quantity: Float64Array.from(sales, (l) => l.qty),
      unitPrice: Float64Array.from(sales, (l) => l.price),
      isReturn: Uint8Array.from(sales, (l) => (l.ret ? 1 : 0)),
      discount: Uint8Array.from(sales, (l) => (l.disc ? 1 : 0)),
    },
    wholesale: {
      length: quotes.length,
      date: quotes.map((q) => q.date),
      itemCode: quotes.map((q) => q.item),
      price: Float64Array.from(quotes, (q) => q.price),
    },
    lossRates: {
      code: loss.map(([code]) => code),
      name: loss.map(([code]) => `item ${code}`),
      lossRatePct: Float64Array.from(loss, ([, pct]) => pct),
    },
  };
}

/** A small seeded random generator (LCG) for property-style tests. */
export function seededRandom(seed: number): () => number {
  let r = seed >>> 0;
  return () => (r = (Math.imul(r, 1664525) + 1013904223) >>> 0) / 4294967296;
}
