import type { GeneratorLanguage } from './generator-options.js';

/** The four files of the retailer's export, as the generator writes them. */
export type AnnexFileKey = 'items' | 'sales' | 'wholesale' | 'lossRates';

export const ANNEX_FILE_NAMES: Readonly<Record<AnnexFileKey, string>> = {
  items: 'annex1.csv',
  sales: 'annex2.csv',
  wholesale: 'annex3.csv',
  lossRates: 'annex4.csv',
};

/** Exact headers of the real files, English and Chinese variants. */
export const ANNEX_HEADERS: Readonly<
  Record<GeneratorLanguage, Readonly<Record<AnnexFileKey, readonly string[]>>>
> = {
  en: {
    items: ['Item Code', 'Item Name', 'Category Code', 'Category Name'],
    sales: [
      'Date',
      'Time',
      'Item Code',
      'Quantity Sold (kilo)',
      'Unit Selling Price (RMB/kg)',
      'Sale or Return',
      'Discount (Yes/No)',
    ],
    wholesale: ['Date', 'Item Code', 'Wholesale Price (RMB/kg)'],
    lossRates: ['Item Code', 'Item Name', 'Loss Rate (%)'],
  },
  cn: {
    items: ['单品编码', '单品名称', '分类编码', '分类名称'],
    sales: [
      '销售日期',
      '扫码销售时间',
      '单品编码',
      '销量(千克)',
      '销售单价(元/千克)',
      '销售类型',
      '是否打折销售',
    ],
    wholesale: ['日期', '单品编码', '批发价格(元/千克)'],
    lossRates: ['单品编码', '单品名称', '损耗率(%)'],
  },
};

/** Values of the two flag columns of annex2. */
export const SALE_LABELS: Readonly<
  Record<GeneratorLanguage, { sale: string; return: string; yes: string; no: string }>
> = {
  en: { sale: 'Sale', return: 'Return', yes: 'Yes', no: 'No' },
  cn: { sale: '销售', return: '退货', yes: '是', no: '否' },
};

/** The real files end lines with CRLF; annex4 starts with a UTF-8 byte-order mark. */
export const CRLF = '\r\n';
export const UTF8_BOM = '\ufeff';

export function csvLine(fields: readonly string[]): string {
  return fields.join(',') + CRLF;
}

/** Milliseconds since midnight → HH:MM:SS.mmm */
export function formatTimeOfDay(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const f = ms % 1000;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}.${String(f).padStart(3, '0')}`;
}

/** kg (or units) with three decimals; returns keep their minus sign. */
export function formatQuantity(q: number): string {
  return q.toFixed(3);
}

/** Prices as the export writes them: no trailing zeros ("6", "3.2", "2.98"). */
export function formatPrice(p: number): string {
  return String(Math.round(p * 100) / 100);
}

/** Wholesale prices with two decimals. */
export function formatWholesale(p: number): string {
  return p.toFixed(2);
}

/** Loss rates with two decimals and the trailing space of the real file ("4.39 "). */
export function formatLossRate(pct: number): string {
  return `${pct.toFixed(2)} `;
}

function pad2(x: number): string {
  return x < 10 ? `0${x}` : String(x);
}
