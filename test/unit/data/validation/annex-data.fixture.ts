import type {
  AnnexData,
  ItemMaster,
  LossRates,
  SalesColumns,
  WholesaleColumns,
} from '../../../../src/data/annex.types.js';

/** date, time, item code, kg, RMB/kg, return?, discount? */
export type SaleLine = [string, string, string, number, number, boolean?, boolean?];

export function salesOf(lines: SaleLine[]): SalesColumns {
  return {
    length: lines.length,
    date: lines.map((l) => l[0]),
    time: lines.map((l) => l[1]),
    itemCode: lines.map((l) => l[2]),
    quantity: Float64Array.from(lines.map((l) => l[3])),
    unitPrice: Float64Array.from(lines.map((l) => l[4])),
    isReturn: Uint8Array.from(lines.map((l) => (l[5] === true ? 1 : 0))),
    discount: Uint8Array.from(lines.map((l) => (l[6] === true ? 1 : 0))),
  };
}

export function itemsOf(rows: [string, string, string][]): ItemMaster {
  return {
    code: rows.map((r) => r[0]),
    name: rows.map((r) => r[1]),
    categoryCode: rows.map((r) => r[2]),
    categoryName: rows.map((r) => `category ${r[2]}`),
  };
}

export function wholesaleOf(rows: [string, string, number][]): WholesaleColumns {
  return {
    length: rows.length,
    date: rows.map((r) => r[0]),
    itemCode: rows.map((r) => r[1]),
    price: Float64Array.from(rows.map((r) => r[2])),
  };
}

export function lossOf(rows: [string, number][]): LossRates {
  return {
    code: rows.map((r) => r[0]),
    name: rows.map((r) => `item ${r[0]}`),
    lossRatePct: Float64Array.from(rows.map((r) => r[1])),
  };
}

export const A = '102900005115168';
export const B = '102900005115199';
export const C = '102900011000328';

/** Three items, A and B selling every day 2020-07-01..07-07 at steady prices: nothing to report. */
export function cleanAnnex(): AnnexData {
  const lines: SaleLine[] = [];
  for (let d = 1; d <= 7; d++) {
    const date = `2020-07-0${d}`;
    lines.push([date, '09:00:00.000', A, 1 + d / 10, 7.6], [date, '10:00:00.000', B, 0.5, 3.2]);
    lines.push([date, '11:00:00.000', C, 0.3, 12]);
  }
  return {
    items: itemsOf([
      [A, 'Niushou Shengcai', '1011010101'],
      [B, 'Sichuan Red Cedar', '1011010101'],
      [C, 'Red Pepper', '1011010504'],
    ]),
    sales: salesOf(lines),
    wholesale: wholesaleOf([
      ['2020-07-01', A, 4.3],
      ['2020-07-02', B, 2.1],
      ['2020-07-03', C, 7.5],
    ]),
    lossRates: lossOf([
      [A, 4.39],
      [B, 10.46],
      [C, 0],
    ]),
  };
}
