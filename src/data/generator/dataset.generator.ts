import { join, resolve } from 'node:path';
import {
  ANNEX_FILE_NAMES,
  ANNEX_HEADERS,
  UTF8_BOM,
  csvLine,
  formatLossRate,
  type AnnexFileKey,
} from './annex-format.js';
import { ChunkedFileWriter } from './chunked-file.writer.js';
import { writeDailyFiles } from './daily-files.writer.js';
import { buildDemandProfiles } from './demand-profile.js';
import { resolveGeneratorOptions, type GeneratorOptions } from './generator-options.js';
import { buildCatalog, type CatalogItem } from './item-catalog.js';
import { SeededRandom } from './seeded-random.js';
import { buildStoreCalendar } from './store-calendar.js';
import { makeDirs } from '../../common/make-dirs.js';

/** What a generation run wrote, with the facts tests and benchmarks check against. */
export interface GeneratorSummary {
  options: GeneratorOptions;
  outDir: string;
  /** Absolute path of each file. */
  files: Record<AnnexFileKey, string>;
  /** Data rows per file (headers not counted). */
  rows: Record<AnnexFileKey, number>;
  firstDate: string;
  lastDate: string;
  /** Dates with at least one sales row. */
  daysWithSales: number;
  /** Item-days with at least one sale line (returns not counted). */
  itemDaysWithSales: number;
  /** Items without any sale line. */
  itemsNeverSold: number;
  /** Dates with no rows at all in annex2 and annex3 (Spring Festival and lockdown closures). */
  closureDates: string[];
  springFestivalPeakDates: string[];
  stockUpDates: string[];
  nearEmptyDates: string[];
  /** Σ quantity over annex2 (returns negative). */
  totalNetQuantity: number;
  returnLines: number;
  discountLines: number;
  /** Item-days whose sale lines carry more than one unit price. */
  multiPriceItemDays: number;
  /** Item-days with rows whose net quantity is ≤ 0 (returns outweigh sales). */
  nonPositiveNetItemDays: number;
}

/**
 * Writes annex1–4 for a synthetic store into `outDir` (created if missing). Deterministic: the same
 * options give byte-identical files. Throws GeneratorOptionsError for invalid options.
 */
export async function generateDataset(
  outDir: string,
  options: Partial<GeneratorOptions> = {},
): Promise<GeneratorSummary> {
  const opts = resolveGeneratorOptions(options);
  const dir = resolve(outDir);
  await makeDirs(dir);
  const calendar = buildStoreCalendar(opts.start, opts.days);
  const items = buildCatalog(opts.items, new SeededRandom(opts.seed, 'catalog'));
  const profiles = buildDemandProfiles(items, calendar, new SeededRandom(opts.seed, 'profiles'));
  const files = {
    items: join(dir, ANNEX_FILE_NAMES.items),
    sales: join(dir, ANNEX_FILE_NAMES.sales),
    wholesale: join(dir, ANNEX_FILE_NAMES.wholesale),
    lossRates: join(dir, ANNEX_FILE_NAMES.lossRates),
  };
  await writeMasterFiles(files, items, opts);
  const daily = await writeDailyFiles(files, items, profiles, calendar, opts);
  return {
    options: opts,
    outDir: dir,
    files,
    rows: { items: items.length, lossRates: items.length, ...daily.rows },
    firstDate: calendar.days[0].date,
    lastDate: calendar.days[calendar.days.length - 1].date,
    daysWithSales: daily.daysWithSales,
    itemDaysWithSales: daily.itemDaysWithSales,
    itemsNeverSold: daily.itemsNeverSold,
    closureDates: calendar.closureDates,
    springFestivalPeakDates: calendar.springFestivalPeakDates,
    stockUpDates: calendar.stockUpDates,
    nearEmptyDates: calendar.nearEmptyDates,
    totalNetQuantity: Math.round(daily.totalNet * 1000) / 1000,
    returnLines: daily.returnLines,
    discountLines: daily.discountLines,
    multiPriceItemDays: daily.multiPriceItemDays,
    nonPositiveNetItemDays: daily.nonPositiveNetItemDays,
  };
}

async function writeMasterFiles(
  files: Record<AnnexFileKey, string>,
  items: readonly CatalogItem[],
  opts: GeneratorOptions,
): Promise<void> {
  const en = opts.lang === 'en';
  const headers = ANNEX_HEADERS[opts.lang];
  const annex1 = new ChunkedFileWriter(files.items);
  const annex4 = new ChunkedFileWriter(files.lossRates);
  try {
    await annex1.write(csvLine(headers.items));
    await annex4.write(UTF8_BOM + csvLine(headers.lossRates));
    for (const item of items) {
      const name = en ? item.nameEn : item.nameCn;
      const category = en ? item.category.nameEn : item.category.nameCn;
      await annex1.write(csvLine([item.code, name, item.category.code, category]));
      await annex4.write(csvLine([item.code, name, formatLossRate(item.lossRatePct)]));
    }
    await annex1.close();
    await annex4.close();
  } catch (err) {
    annex1.destroy();
    annex4.destroy();
    throw err;
  }
}
