import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Raw text and naive CSV rows (no quoting in these files) of the four generated files. */
export interface AnnexFiles {
  raw: { items: string; sales: string; wholesale: string; lossRates: string };
  header: { items: string[]; sales: string[]; wholesale: string[]; lossRates: string[] };
  items: string[][];
  sales: string[][];
  wholesale: string[][];
  lossRates: string[][];
}

export function readAnnexFiles(dir: string): AnnexFiles {
  const raw = {
    items: readFileSync(join(dir, 'annex1.csv'), 'utf8'),
    sales: readFileSync(join(dir, 'annex2.csv'), 'utf8'),
    wholesale: readFileSync(join(dir, 'annex3.csv'), 'utf8'),
    lossRates: readFileSync(join(dir, 'annex4.csv'), 'utf8'),
  };
  const split = (text: string): string[][] =>
    text
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter((line) => line.length > 0)
      .map((line) => line.split(','));
  const items = split(raw.items);
  const sales = split(raw.sales);
  const wholesale = split(raw.wholesale);
  const lossRates = split(raw.lossRates);
  return {
    raw,
    header: { items: items[0], sales: sales[0], wholesale: wholesale[0], lossRates: lossRates[0] },
    items: items.slice(1),
    sales: sales.slice(1),
    wholesale: wholesale.slice(1),
    lossRates: lossRates.slice(1),
  };
}

/** Net quantity per date (all items). */
export function dailyTotals(sales: readonly string[][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of sales) out.set(row[0], (out.get(row[0]) ?? 0) + Number(row[3]));
  return out;
}

/** Number of dates with a sale line, per item code. */
export function daysSoldPerItem(
  sales: readonly string[][],
  saleLabel: string,
): Map<string, number> {
  const seen = new Set<string>();
  const out = new Map<string, number>();
  for (const row of sales) {
    if (row[5] !== saleLabel) continue;
    const key = `${row[0]}|${row[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.set(row[2], (out.get(row[2]) ?? 0) + 1);
  }
  return out;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(iso: string): number {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
