import {
  ANNEX_HEADERS,
  SALE_LABELS,
  csvLine,
  formatPrice,
  formatQuantity,
  formatTimeOfDay,
  formatWholesale,
  type AnnexFileKey,
} from './annex-format.js';
import { ChunkedFileWriter } from './chunked-file.writer.js';
import { DayLineBuffer } from './day-line.buffer.js';
import type { DemandProfile } from './demand-profile.js';
import type { GeneratorOptions } from './generator-options.js';
import type { CatalogItem } from './item-catalog.js';
import { simulateItemDay } from './item-day-sales.js';
import { PricePath } from './price-path.js';
import { SeededRandom } from './seeded-random.js';
import type { StoreCalendar, StoreDay } from './store-calendar.js';

/** Store-wide day-to-day noise (weather, footfall) and a slow store-level drift. */
const STORE_SHOCK_SD = 0.07;
const STORE_DRIFT = { rho: 0.995, sd: 0.008 };
/** Item level: mean-reverting log random walk plus rare level shifts. */
const ITEM_LEVEL = { rho: 0.99, sd: 0.035, shiftRate: 1 / 500, shiftSd: 0.25 };

/** Counts gathered while writing annex2 and annex3. */
export interface DailyTotals {
  rows: { sales: number; wholesale: number };
  daysWithSales: number;
  itemDaysWithSales: number;
  itemsNeverSold: number;
  totalNet: number;
  returnLines: number;
  discountLines: number;
  multiPriceItemDays: number;
  nonPositiveNetItemDays: number;
}

/**
 * Simulates the store day by day (item levels, prices, listings, scan lines) and streams annex2 (sales,
 * sorted by time within a day) and annex3 (one quote per listed item-day).
 */
export async function writeDailyFiles(
  files: Record<AnnexFileKey, string>,
  items: readonly CatalogItem[],
  profiles: readonly DemandProfile[],
  calendar: StoreCalendar,
  opts: GeneratorOptions,
): Promise<DailyTotals> {
  const rng = new SeededRandom(opts.seed, 'daily');
  const labels = SALE_LABELS[opts.lang];
  const n = items.length;
  const prices = items.map(
    (item, i) =>
      new PricePath(
        item,
        0.05 + 0.5 * profiles[i].seasonAmplitude,
        profiles[i].seasonPeakDoy,
        new SeededRandom(opts.seed, `price:${item.code}`),
      ),
  );
  const levels = new Float64Array(n);
  for (let i = 0; i < n; i++) levels[i] = rng.normal() * 0.15;
  const soldDays = new Uint32Array(n);
  const glitchDay = calendar.days.length >= 180 ? rng.int(calendar.days.length) : -1;
  const lines = new DayLineBuffer();
  const annex2 = new ChunkedFileWriter(files.sales);
  const annex3 = new ChunkedFileWriter(files.wholesale);
  const totals: DailyTotals = {
    rows: { sales: 0, wholesale: 0 },
    daysWithSales: 0,
    itemDaysWithSales: 0,
    itemsNeverSold: 0,
    totalNet: 0,
    returnLines: 0,
    discountLines: 0,
    multiPriceItemDays: 0,
    nonPositiveNetItemDays: 0,
  };
  let storeDrift = 0;
  try {
    await annex2.write(csvLine(ANNEX_HEADERS[opts.lang].sales));
    await annex3.write(csvLine(ANNEX_HEADERS[opts.lang].wholesale));
    for (const day of calendar.days) {
      storeDrift = STORE_DRIFT.rho * storeDrift + STORE_DRIFT.sd * rng.normal();
      const storeFactor = day.demand * Math.exp(storeDrift + STORE_SHOCK_SD * rng.normal());
      for (let i = 0; i < n; i++) {
        let level = ITEM_LEVEL.rho * levels[i] + ITEM_LEVEL.sd * rng.normal();
        if (rng.chance(ITEM_LEVEL.shiftRate)) level += ITEM_LEVEL.shiftSd * rng.normal();
        levels[i] = level;
        prices[i].advance(day, rng);
      }
      if (day.closed) continue;
      lines.reset();
      const quotes: string[] = [];
      let glitchPending = day.index === glitchDay;
      for (let i = 0; i < n; i++) {
        if (!isListed(profiles[i], day, rng)) continue;
        const price = prices[i];
        // One mistyped quote in the whole file (the real file has a 0.01 RMB/kg quote).
        const glitch = glitchPending && price.wholesale < 3;
        if (glitch) glitchPending = false;
        const quote = glitch ? 0.01 : price.wholesale;
        quotes.push(csvLine([day.date, items[i].code, formatWholesale(quote)]));
        if (profiles[i].neverSells) continue;
        const result = simulateItemDay(
          {
            itemIndex: i,
            profile: profiles[i],
            packaged: items[i].packaged,
            expected: expectedQuantity(profiles[i], day, levels[i]) * storeFactor,
            regularPrice: price.regular,
            referencePrice: price.reference,
          },
          lines,
          rng,
        );
        if (result.saleLines > 0) {
          totals.itemDaysWithSales++;
          soldDays[i]++;
        }
        if (result.saleLines + result.returnLines > 0 && result.netQuantity <= 1e-9) {
          totals.nonPositiveNetItemDays++;
        }
        if (result.multiPrice) totals.multiPriceItemDays++;
        totals.returnLines += result.returnLines;
        totals.discountLines += result.discountLines;
        totals.totalNet += result.netQuantity;
      }
      totals.rows.wholesale += quotes.length;
      await annex3.write(quotes.join(''));
      if (lines.length > 0) totals.daysWithSales++;
      totals.rows.sales += lines.length;
      await annex2.write(formatDayLines(day, lines, items, labels));
    }
    await annex2.close();
    await annex3.close();
  } catch (err) {
    annex2.destroy();
    annex3.destroy();
    throw err;
  }
  totals.itemsNeverSold = soldDays.filter((d) => d === 0).length;
  return totals;
}

function isListed(profile: DemandProfile, day: StoreDay, rng: SeededRandom): boolean {
  for (const w of profile.windows) {
    if (day.index >= w.from && day.index <= w.to) return rng.chance(profile.listDensity);
  }
  return false;
}

function expectedQuantity(profile: DemandProfile, day: StoreDay, level: number): number {
  const season =
    profile.seasonAmplitude * Math.cos((2 * Math.PI * (day.doy - profile.seasonPeakDoy)) / 365.25);
  const weekly = day.ignoresWeekday ? 1 : profile.weekly[day.dow - 1];
  return profile.baseQuantity * weekly * Math.exp(season + level);
}

function formatDayLines(
  day: StoreDay,
  lines: DayLineBuffer,
  items: readonly CatalogItem[],
  labels: { sale: string; return: string; yes: string; no: string },
): string {
  const order = lines.sortedOrder();
  const out = new Array<string>(order.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    out[k] =
      `${day.date},${formatTimeOfDay(lines.timeMs[i])},${items[lines.item[i]].code},` +
      `${formatQuantity(lines.quantity[i])},${formatPrice(lines.price[i])},` +
      `${lines.isReturn[i] ? labels.return : labels.sale},${lines.discount[i] ? labels.yes : labels.no}\r\n`;
  }
  return out.join('');
}
