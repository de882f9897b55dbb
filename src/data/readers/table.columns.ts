import { ANNEX_KINDS, type TableKind } from '../validation/validation-report.types.js';

/** One expected column: its English and Chinese header, other accepted spellings, required or not. */
export interface ColumnSpec {
  readonly key: string;
  readonly en: string;
  readonly cn: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

const ITEM_CODE = {
  key: 'itemCode',
  en: 'Item Code',
  cn: '单品编码',
  aliases: ['item id', 'sku', '商品编码'],
  required: true,
} as const;

/** The columns of each file kind (README.md, "Data formats"), in file order. */
export const TABLE_COLUMNS = {
  annex1: [
    ITEM_CODE,
    { key: 'itemName', en: 'Item Name', cn: '单品名称', aliases: ['商品名称'], required: false },
    { key: 'categoryCode', en: 'Category Code', cn: '分类编码', aliases: [], required: true },
    { key: 'categoryName', en: 'Category Name', cn: '分类名称', aliases: [], required: false },
  ],
  annex2: [
    {
      key: 'date',
      en: 'Date',
      cn: '销售日期',
      aliases: ['日期', 'sale date', 'sales date'],
      required: true,
    },
    {
      key: 'time',
      en: 'Time',
      cn: '扫码销售时间',
      aliases: ['销售时间', 'scan time', 'sale time'],
      required: false,
    },
    ITEM_CODE,
    {
      key: 'quantity',
      en: 'Quantity Sold (kilo)',
      cn: '销量(千克)',
      aliases: ['quantity sold (kg)', 'quantity sold', 'quantity (kg)', 'quantity', '销量'],
      required: true,
    },
    {
      key: 'unitPrice',
      en: 'Unit Selling Price (RMB/kg)',
      cn: '销售单价(元/千克)',
      aliases: ['unit selling price', 'unit price (rmb/kg)', 'unit price', '销售单价'],
      required: true,
    },
    {
      key: 'saleOrReturn',
      en: 'Sale or Return',
      cn: '销售类型',
      aliases: ['sale type', 'sale/return'],
      required: false,
    },
    {
      key: 'discount',
      en: 'Discount (Yes/No)',
      cn: '是否打折销售',
      aliases: ['discount', 'discounted', '是否打折'],
      required: false,
    },
  ],
  annex3: [
    { key: 'date', en: 'Date', cn: '日期', aliases: ['销售日期', 'quote date'], required: true },
    ITEM_CODE,
    {
      key: 'price',
      en: 'Wholesale Price (RMB/kg)',
      cn: '批发价格(元/千克)',
      aliases: ['wholesale price', 'wholesale price (rmb/kilo)', '批发价格', '批发价'],
      required: true,
    },
  ],
  annex4: [
    ITEM_CODE,
    { key: 'itemName', en: 'Item Name', cn: '单品名称', aliases: ['商品名称'], required: false },
    {
      key: 'lossRate',
      en: 'Loss Rate (%)',
      cn: '损耗率(%)',
      aliases: ['loss rate', '损耗率', '小分类损耗率(%)', '单品损耗率(%)'],
      required: true,
    },
  ],
  long: [
    { key: 'uniqueId', en: 'unique_id', cn: '', aliases: [], required: true },
    { key: 'ds', en: 'ds', cn: '', aliases: [], required: true },
    { key: 'y', en: 'y', cn: '', aliases: [], required: true },
  ],
} as const satisfies Record<TableKind, readonly ColumnSpec[]>;

export type ColumnKey<K extends TableKind> = (typeof TABLE_COLUMNS)[K][number]['key'];

export const TABLE_KINDS: readonly TableKind[] = ['annex1', 'annex2', 'annex3', 'annex4', 'long'];

/** Matching form of a header: NFKC (full-width brackets, NBSP), lower case, no spaces/underscores. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_]+/g, '');
}

/** How an expected column is named to users: `English / 中文`. */
export function columnLabel(spec: ColumnSpec): string {
  return spec.cn === '' ? spec.en : `${spec.en} / ${spec.cn}`;
}

export interface ColumnMatch {
  kind: TableKind;
  /** Field index per column key; -1 when missing. */
  index: Record<string, number>;
  matched: number;
  missingRequired: ColumnSpec[];
  missingOptional: ColumnSpec[];
  /** Header positions that repeat an already matched column. */
  duplicates: number[];
  /** Header positions that match no expected column. */
  unmatched: number[];
}

export function matchColumns(kind: TableKind, keys: readonly string[]): ColumnMatch {
  const specs: readonly ColumnSpec[] = TABLE_COLUMNS[kind];
  const index: Record<string, number> = {};
  const duplicates: number[] = [];
  const unmatched: number[] = [];
  for (const spec of specs) index[spec.key] = -1;
  keys.forEach((key, pos) => {
    const spec = specs.find(
      (s) =>
        headerKey(s.en) === key ||
        (s.cn !== '' && headerKey(s.cn) === key) ||
        s.aliases.some((a) => headerKey(a) === key),
    );
    if (spec === undefined) unmatched.push(pos);
    else if (index[spec.key] >= 0) duplicates.push(pos);
    else index[spec.key] = pos;
  });
  const missing = specs.filter((s) => index[s.key] < 0);
  return {
    kind,
    index,
    matched: specs.length - missing.length,
    missingRequired: missing.filter((s) => s.required),
    missingOptional: missing.filter((s) => !s.required),
    duplicates,
    unmatched,
  };
}

/** `annex2.csv`, `Annex 2.CSV`, `附件2.csv`, `annex_3-2023.csv` → the annex kind the name says. */
export function kindFromFileName(name: string): TableKind | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const m = /(?:annex|附件)\s*[-_]?\s*([1-4])(?!\d)/i.exec(base);
  return m ? ANNEX_KINDS[Number(m[1]) - 1] : null;
}

/**
 * Decides a file's kind from its header: the kind whose required columns are all there (and which
 * matches most columns); else the file-name hint; else the best partial match of ≥ 2 columns.
 */
export function detectKind(keys: readonly string[], hint: TableKind | null): TableKind | null {
  const matches = TABLE_KINDS.map((k) => matchColumns(k, keys));
  const complete = matches.filter((m) => m.missingRequired.length === 0);
  if (hint !== null && complete.some((m) => m.kind === hint)) return hint;
  const byScore = (a: ColumnMatch, b: ColumnMatch): number =>
    b.matched - a.matched ||
    b.matched / TABLE_COLUMNS[b.kind].length - a.matched / TABLE_COLUMNS[a.kind].length;
  if (complete.length > 0) return complete.sort(byScore)[0].kind;
  if (hint !== null) return hint;
  const best = matches.sort(byScore)[0];
  return best.matched >= 2 ? best.kind : null;
}
