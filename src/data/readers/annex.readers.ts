import type { TableKind } from '../validation/validation-report.types.js';
import type { FileRead, ReadOptions, TableData } from './file-read.types.js';
import { emptyItems } from './items.sink.js';
import { emptyLongSeries } from './long-format.sink.js';
import { emptyLossRates } from './loss-rates.sink.js';
import type { ReadInput } from './read-input.source.js';
import { emptySales } from './sales.sink.js';
import { readTable } from './table.reader.js';
import { emptyWholesale } from './wholesale.sink.js';

const EMPTY: { [K in TableKind]: () => TableData[K] } = {
  annex1: emptyItems,
  annex2: emptySales,
  annex3: emptyWholesale,
  annex4: emptyLossRates,
  long: emptyLongSeries,
};

/** Empty columns of a kind (for a file that is absent or unreadable). */
export function emptyTable<K extends TableKind>(kind: K): TableData[K] {
  return EMPTY[kind]();
}

/** annex1 (item master): Item Code, Item Name, Category Code, Category Name (or 单品编码…). */
export async function readItems(input: ReadInput, opts?: ReadOptions): Promise<FileRead<'annex1'>> {
  const r = await readTable(input, { ...opts, kind: 'annex1' });
  return r.kind === 'annex1' ? r : { kind: 'annex1', meta: r.meta, data: emptyItems() };
}

/** annex2 (sales): Date, Time, Item Code, Quantity Sold (kilo), Unit Selling Price, Sale or Return, Discount. */
export async function readSales(input: ReadInput, opts?: ReadOptions): Promise<FileRead<'annex2'>> {
  const r = await readTable(input, { ...opts, kind: 'annex2' });
  return r.kind === 'annex2' ? r : { kind: 'annex2', meta: r.meta, data: emptySales() };
}

/** annex3 (wholesale): Date, Item Code, Wholesale Price (RMB/kg). */
export async function readWholesale(
  input: ReadInput,
  opts?: ReadOptions,
): Promise<FileRead<'annex3'>> {
  const r = await readTable(input, { ...opts, kind: 'annex3' });
  return r.kind === 'annex3' ? r : { kind: 'annex3', meta: r.meta, data: emptyWholesale() };
}

/** annex4 (loss rates): Item Code, Item Name, Loss Rate (%). */
export async function readLossRates(
  input: ReadInput,
  opts?: ReadOptions,
): Promise<FileRead<'annex4'>> {
  const r = await readTable(input, { ...opts, kind: 'annex4' });
  return r.kind === 'annex4' ? r : { kind: 'annex4', meta: r.meta, data: emptyLossRates() };
}
