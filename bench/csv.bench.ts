// CSV tokenising: the data readers' CsvScanner against csv-parse (a dev dependency, kept as the test
// oracle) on the same in-memory sales file, same run. CPU time (user + system), best of 3.
import { loadavg } from 'node:os';
import { parse } from 'csv-parse/sync';
import { CsvScanner } from '../src/data/readers/csv.scanner.js';
import { machineLine, type BenchSection } from './bench-report.js';
import type { BenchSuite } from './sections.js';

const LINES = Number(process.env.FRESHCAST_BENCH_CSV_LINES ?? 300_000);

/** An annex-like sales file: date, time, item code, quantity, unit price, sale type, discount. */
function salesCsv(lines: number): Buffer {
  const parts = ['date,time,item_code,qty_kg,unit_price,sale_type,discount\n'];
  for (let i = 0; i < lines; i++) {
    const day = 1 + (i % 28);
    const item = 102900005115000 + (i % 251);
    parts.push(
      `2023-06-${String(day).padStart(2, '0')},09:${String(i % 60).padStart(2, '0')}:15.${i % 1000},` +
        `${item},${(0.1 + (i % 97) / 10).toFixed(3)},${(2 + (i % 13) / 4).toFixed(1)},` +
        `${i % 50 === 0 ? '"return, refund"' : 'sale'},${i % 7 === 0 ? 'Yes' : 'No'}\n`,
    );
  }
  return Buffer.from(parts.join(''), 'utf8');
}

function cpuSeconds(fn: () => number): { seconds: number; checksum: number } {
  let best = Infinity;
  let checksum = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = process.cpuUsage();
    checksum = fn();
    const t = process.cpuUsage(t0);
    best = Math.min(best, (t.user + t.system) / 1e6);
  }
  return { seconds: best, checksum };
}

/** Every field read as text (what csv-parse hands back), in 1 MiB chunks as the readers feed it. */
function scanAll(bytes: Buffer): number {
  let chars = 0;
  const scanner = new CsvScanner(44, {
    row: (r) => {
      for (let i = 0; i < r.fieldCount; i++) chars += r.text(i).length;
    },
    problem: () => undefined,
  });
  for (let at = 0; at < bytes.length; at += 1 << 20)
    scanner.push(bytes.subarray(at, at + (1 << 20)));
  scanner.end();
  return chars;
}

function csvParseAll(bytes: Buffer): number {
  let chars = 0;
  const records: string[][] = parse(bytes, { relax_column_count: true });
  for (const r of records) for (const f of r) chars += f.length;
  return chars;
}

async function run(): Promise<BenchSection[]> {
  const bytes = salesCsv(LINES);
  const scanner = cpuSeconds(() => scanAll(bytes));
  const oracle = cpuSeconds(() => csvParseAll(bytes));
  if (scanner.checksum !== oracle.checksum) {
    throw new Error(
      `the two parsers disagree: ${scanner.checksum} vs ${oracle.checksum} characters`,
    );
  }
  const mib = bytes.length / 2 ** 20;
  return [
    {
      title: `CSV tokenising, ${LINES.toLocaleString('en-US')} sales lines (${mib.toFixed(1)} MiB)`,
      headers: ['parser', 'CPU s (best of 3)', 'MiB/s', 'vs csv-parse'],
      rows: [
        [
          'CsvScanner (src/data/readers)',
          scanner.seconds,
          mib / scanner.seconds,
          oracle.seconds / scanner.seconds,
        ],
        ['csv-parse/sync', oracle.seconds, mib / oracle.seconds, 1],
      ],
      notes: [
        machineLine({ 'load average': loadavg()[0].toFixed(1) }),
        'same bytes, same run; every field read as text by both; both give the same characters',
      ],
    },
  ];
}

export const csvBench: BenchSuite = {
  name: 'csv',
  summary: 'CSV tokenising: CsvScanner vs csv-parse on the same sales file (CPU time)',
  run,
};
