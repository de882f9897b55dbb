import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toEpochDay } from '../../../../src/data/dates.js';
import {
  generateDataset,
  type GeneratorSummary,
} from '../../../../src/data/generator/dataset.generator.js';
import {
  dailyTotals,
  daysSoldPerItem,
  median,
  readAnnexFiles,
  weekday,
  type AnnexFiles,
} from './annex-files.helper.js';

/** Statistical shape of a moderately small dataset (60 items × 400 days, includes Spring Festival 2021). */
describe('generateDataset: statistical shape (60 items × 400 days)', () => {
  let dir: string;
  let summary: GeneratorSummary;
  let files: AnnexFiles;
  let totals: Map<string, number>;
  let openDays: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'freshcast-gen-shape-'));
    summary = await generateDataset(dir, { items: 60, days: 400, start: '2020-07-01', seed: 7 });
    files = readAnnexFiles(dir);
    totals = dailyTotals(files.sales);
    openDays = 400 - summary.closureDates.length;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the rows it wrote', () => {
    expect(summary.rows).toEqual({
      items: files.items.length,
      sales: files.sales.length,
      wholesale: files.wholesale.length,
      lossRates: files.lossRates.length,
    });
    expect(summary.daysWithSales).toBe(totals.size);
  });

  it('is intermittent: the median item sells on a small share of days, a dense minority on most', () => {
    const sold = daysSoldPerItem(files.sales, 'Sale');
    const perItem = files.items.map((row) => sold.get(row[0]) ?? 0);
    const share = median(perItem) / openDays;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.2);
    expect(perItem.filter((d) => d >= 0.8 * openDays).length).toBeGreaterThanOrEqual(1);
    expect(perItem.filter((d) => d >= 0.8 * openDays).length).toBeLessThanOrEqual(8);
    expect(perItem.filter((d) => d < 0.1 * openDays).length).toBeGreaterThan(20);
    expect(summary.itemDaysWithSales).toBe(perItem.reduce((s, d) => s + d, 0));
  });

  it('sells only on listed days, and leaves many listed days of slow items without a sale', () => {
    const listed = new Set(files.wholesale.map((r) => `${r[0]}|${r[1]}`));
    const unlistedSales = files.sales.filter((r) => !listed.has(`${r[0]}|${r[2]}`));
    expect(unlistedSales).toHaveLength(0);
    const idle = files.wholesale.length - summary.itemDaysWithSales;
    expect(idle / files.wholesale.length).toBeGreaterThan(0.05);
    expect(idle / files.wholesale.length).toBeLessThan(0.35);
  });

  it('has a weekly pattern with a weekend uplift of ≈ 1.3–1.6 on ordinary days', () => {
    const special = [
      ...summary.closureDates,
      ...summary.stockUpDates,
      ...summary.springFestivalPeakDates,
    ].map(toEpochDay);
    const ordinary = [...totals].filter(([date]) =>
      special.every((s) => Math.abs(toEpochDay(date) - s) > 16),
    );
    const mean = (days: number[]): number => {
      const v = ordinary.filter(([d]) => days.includes(weekday(d))).map(([, kg]) => kg);
      return v.reduce((s, x) => s + x, 0) / v.length;
    };
    const uplift = mean([6, 7]) / mean([1, 2, 3, 4, 5]);
    expect(uplift).toBeGreaterThan(1.25);
    expect(uplift).toBeLessThan(1.6);
  });

  it('closes for Spring Festival (no rows at all) after a pre-eve peak', () => {
    expect(summary.closureDates).toEqual(expect.arrayContaining(['2021-02-12', '2021-02-13']));
    for (const date of summary.closureDates) {
      expect(totals.has(date)).toBe(false);
      expect(files.wholesale.some((r) => r[0] === date)).toBe(false);
    }
    expect(summary.springFestivalPeakDates).toEqual(['2021-02-10']);
    const normal = median([...totals.values()]);
    expect(totals.get('2021-02-10') ?? 0).toBeGreaterThanOrEqual(3 * normal);
  });

  it('has a lockdown run: stock-up spikes, near-empty days, then closed days', () => {
    const normal = median([...totals.values()]);
    expect(summary.stockUpDates).toHaveLength(2);
    for (const d of summary.stockUpDates) expect(totals.get(d) ?? 0).toBeGreaterThan(2.5 * normal);
    for (const d of summary.nearEmptyDates) expect(totals.get(d) ?? 0).toBeLessThan(0.3 * normal);
    expect(summary.closureDates.filter((d) => !d.startsWith('2021-02'))).toHaveLength(4);
    expect(400 - totals.size).toBe(summary.closureDates.length);
  });

  it('sells at ≈ 1.65 × wholesale at the median, with discounted lines cheaper', () => {
    const quote = new Map(files.wholesale.map((r) => [`${r[0]}|${r[1]}`, Number(r[2])]));
    const ratios = files.sales
      .filter((r) => r[5] === 'Sale')
      .map((r) => Number(r[4]) / (quote.get(`${r[0]}|${r[2]}`) ?? NaN))
      .filter((x) => Number.isFinite(x) && x < 1000);
    const m = median(ratios);
    expect(m).toBeGreaterThan(1.5);
    expect(m).toBeLessThan(1.85);
    const byDay = new Map<string, { yes: number[]; no: number[] }>();
    for (const r of files.sales) {
      if (r[5] !== 'Sale') continue;
      const k = `${r[0]}|${r[2]}`;
      const e = byDay.get(k) ?? { yes: [], no: [] };
      (r[6] === 'Yes' ? e.yes : e.no).push(Number(r[4]));
      byDay.set(k, e);
    }
    const mixed = [...byDay.values()].filter((e) => e.yes.length > 0 && e.no.length > 0);
    expect(mixed.length).toBeGreaterThan(50);
    for (const e of mixed) expect(Math.max(...e.yes)).toBeLessThan(Math.max(...e.no));
  });

  it('sells ≈ 15 % of item-days at more than one price', () => {
    const share = summary.multiPriceItemDays / summary.itemDaysWithSales;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.25);
  });

  it('writes returns as negative quantities marked Return, sales as positive', () => {
    const returns = files.sales.filter((r) => r[5] === 'Return');
    expect(returns.length).toBe(summary.returnLines);
    expect(returns.length).toBeGreaterThan(0);
    expect(returns.length / files.sales.length).toBeLessThan(0.005);
    expect(returns.every((r) => Number(r[3]) < 0)).toBe(true);
    expect(files.sales.filter((r) => r[5] === 'Sale').every((r) => Number(r[3]) > 0)).toBe(true);
  });

  it('keeps loss rates within 0–29.25 % with some zeros, wholesale prices positive', () => {
    const rates = files.lossRates.map((r) => Number(r[2]));
    expect(Math.min(...rates)).toBe(0);
    expect(Math.max(...rates)).toBeLessThanOrEqual(29.25);
    const mean = rates.reduce((s, x) => s + x, 0) / rates.length;
    expect(mean).toBeGreaterThan(6);
    expect(mean).toBeLessThan(13);
    expect(files.wholesale.every((r) => Number(r[2]) >= 0.01)).toBe(true);
  });
});
