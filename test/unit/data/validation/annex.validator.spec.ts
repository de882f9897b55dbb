import { readSales } from '../../../../src/data/readers/annex.readers.js';
import { validateAnnex } from '../../../../src/data/validation/annex.validator.js';
import type {
  FileReport,
  ValidationIssue,
} from '../../../../src/data/validation/validation-report.types.js';
import {
  A,
  B,
  C,
  cleanAnnex,
  itemsOf,
  lossOf,
  salesOf,
  wholesaleOf,
  type SaleLine,
} from './annex-data.fixture.js';

function issue(file: FileReport | undefined, code: string): ValidationIssue | undefined {
  return [...(file?.errors ?? []), ...(file?.warnings ?? []), ...(file?.notes ?? [])].find(
    (i) => i.code === code,
  );
}

describe('validateAnnex', () => {
  it('finds nothing to report in clean data, and summarises it', () => {
    const report = validateAnnex(cleanAnnex());
    expect(report.summary).toEqual({
      ok: true,
      hasErrors: false,
      clean: true,
      errorCount: 0,
      warningCount: 0,
      files: 4,
      kinds: ['annex1', 'annex2', 'annex3', 'annex4'],
      missingKinds: [],
      dateRange: { start: '2020-07-01', end: '2020-07-07', days: 7 },
      items: 3,
      series: 3,
      rows: 3 + 21 + 3 + 3,
    });
    expect(report.files.map((f) => [f.file, f.rows])).toEqual([
      ['annex1', 3],
      ['annex2', 21],
      ['annex3', 3],
      ['annex4', 3],
    ]);
  });

  it('reports sales problems: duplicates, zero and mis-signed quantities, gaps, unknown and unsold items', () => {
    const data = cleanAnnex();
    const lines: SaleLine[] = [
      ['2020-07-01', '09:00:00.000', A, 1, 7.6],
      ['2020-07-01', '09:00:00.000', A, 1, 7.6], // exact duplicate of the line above
      ['2020-07-01', '09:00:00.000', A, 1, 7.7], // same key, other price: not a duplicate
      ['2020-07-02', '09:00:00.000', A, 0, 7.6], // zero quantity
      ['2020-07-02', '09:05:00.000', A, -0.5, 7.6], // a sale with a negative quantity
      ['2020-07-05', '09:00:00.000', A, 0.4, 7.6],
      ['2020-07-05', '09:10:00.000', A, -0.6, 7.6, true], // return outweighs the day's sales
      ['2020-07-06', '09:00:00.000', '999', 1, 5], // not in the master
      ['2020-07-06', '09:00:01.000', '999', 1, 5],
      ['2020-07-06', '09:00:02.000', B, 1, 0], // zero price
    ];
    data.sales = salesOf(lines);
    const report = validateAnnex(data);
    const sales = report.files.find((f) => f.kind === 'annex2');
    expect(issue(sales, 'duplicate-key')).toMatchObject({
      severity: 'warning',
      count: 1,
      examples: [{ line: 3, detail: 'same as line 2' }],
    });
    expect(issue(sales, 'zero-quantity')?.examples[0].line).toBe(5);
    expect(issue(sales, 'sign-mismatch')?.count).toBe(1);
    expect(issue(sales, 'returns')).toMatchObject({ severity: 'info', count: 1 });
    expect(issue(sales, 'non-positive-price')?.examples[0].line).toBe(11);
    expect(issue(sales, 'unknown-item')).toMatchObject({
      count: 1,
      examples: [{ value: '999', line: 9 }],
    });
    expect(issue(sales, 'unknown-item')?.message).toContain('2 sales lines');
    expect(issue(sales, 'dates-without-rows')).toMatchObject({
      count: 2,
      examples: [{ value: '2020-07-03..2020-07-04' }],
    });
    expect(issue(sales, 'items-never-sold')).toMatchObject({
      count: 1,
      examples: [{ value: C, detail: 'Red Pepper' }],
    });
    const netLow = issue(sales, 'non-positive-net-day');
    expect(netLow?.examples.map((e) => e.value)).toEqual([`${A} 2020-07-02`, `${A} 2020-07-05`]);
    expect(report.summary.ok).toBe(true);
    expect(report.summary.clean).toBe(false);
  });

  it('flags prices far from an item’s usual price, but not ordinary markdowns', () => {
    const data = cleanAnnex();
    const lines: SaleLine[] = [];
    for (let d = 1; d <= 9; d++)
      lines.push([`2020-07-0${d}`, '09:00:00', A, 1, 7.6 + (d % 3) * 0.2]);
    lines.push(['2020-07-09', '12:00:00', A, 1, 3.8]); // half price: a markdown
    lines.push(['2020-07-09', '13:00:00', A, 1, 76]); // a typo
    lines.push(['2020-07-09', '14:00:00', A, 1, 0.08]); // another
    data.sales = salesOf(lines);
    const sales = validateAnnex(data).files.find((f) => f.kind === 'annex2');
    const out = issue(sales, 'price-outlier');
    expect(out?.count).toBe(2);
    expect(out?.examples.map((e) => e.value)).toEqual(['76', '0.08']);
    expect(out?.examples[0].detail).toContain(A);
  });

  it('checks wholesale quotes: repeats, conflicts, unknown items, markup against selling prices', () => {
    const data = cleanAnnex();
    data.wholesale = wholesaleOf([
      ['2020-07-01', A, 4.3],
      ['2020-07-01', A, 4.3],
      ['2020-07-02', A, 4.3],
      ['2020-07-02', A, 4.5],
      ['2020-07-03', A, 0.01], // selling at ~7.9: a ×790 markup
      ['2020-07-04', '555', 3],
      ['2020-07-05', B, -1],
    ]);
    const w = validateAnnex(data).files.find((f) => f.kind === 'annex3');
    expect(issue(w, 'duplicate-key')?.examples[0]).toMatchObject({ line: 3 });
    expect(issue(w, 'conflicting-key')).toMatchObject({ severity: 'warning', count: 1 });
    expect(issue(w, 'unknown-item')?.examples[0].value).toBe('555');
    expect(issue(w, 'non-positive-price')?.count).toBe(1);
    expect(issue(w, 'markup-outlier')?.examples[0].value).toBe(`2020-07-03 ${A}`);
    expect(w?.dateRange).toEqual({ start: '2020-07-01', end: '2020-07-05', days: 5 });
  });

  it('makes conflicting item and loss-rate definitions errors, repeats warnings', () => {
    const data = cleanAnnex();
    data.items = itemsOf([
      [A, 'Niushou Shengcai', '1011010101'],
      [A, 'Niushou Shengcai', '1011010101'],
      [B, 'Sichuan Red Cedar', '1011010101'],
      [B, 'Sichuan Red Cedar', '1011010999'],
      [C, 'Red Pepper', '1011010504'],
    ]);
    data.lossRates = lossOf([
      [A, 4.39],
      [A, 5],
      [B, 140],
      ['777', 3],
    ]);
    const report = validateAnnex(data);
    const items = report.files.find((f) => f.kind === 'annex1');
    const loss = report.files.find((f) => f.kind === 'annex4');
    expect(issue(items, 'duplicate-key')).toMatchObject({ severity: 'warning', count: 1 });
    expect(issue(items, 'conflicting-key')).toMatchObject({
      severity: 'error',
      examples: [{ line: 5, value: B, detail: 'also on line 4' }],
    });
    expect(issue(loss, 'conflicting-key')?.severity).toBe('error');
    expect(issue(loss, 'loss-rate-out-of-range')).toMatchObject({ severity: 'error', count: 1 });
    expect(issue(loss, 'unknown-item')?.examples[0].value).toBe('777');
    expect(issue(loss, 'missing-loss-rate')?.examples[0]).toEqual({
      value: C,
      detail: 'Red Pepper',
    });
    expect(report.summary).toMatchObject({ ok: false, hasErrors: true, errorCount: 3, items: 3 });
  });

  it('warns when loss rates look like fractions', () => {
    const data = cleanAnnex();
    data.lossRates = lossOf([
      [A, 0.0439],
      [B, 0.1],
      [C, 0],
      ['1', 0.2],
      ['2', 0.05],
    ]);
    const loss = validateAnnex(data).files.find((f) => f.kind === 'annex4');
    expect(issue(loss, 'loss-rate-scale')?.severity).toBe('warning');
  });

  it('uses the file lines from the read, and merges read issues into the report', async () => {
    const text = [
      'Date,Time,Item Code,Quantity Sold (kilo),Unit Selling Price (RMB/kg),Sale or Return,Discount (Yes/No)',
      '2020-07-01,09:00:00,102900005115168,1,7.6,Sale,No',
      '2020-07-01,09:00:01,102900005115168,oops,7.6,Sale,No',
      '',
      '2020-07-01,09:00:00,102900005115168,1,7.6,Sale,No',
    ].join('\r\n');
    const read = await readSales(Buffer.from(text), { name: 'annex2.csv' });
    const report = validateAnnex({ sales: read.data }, { annex2: read.meta });
    expect(report.files).toHaveLength(1);
    const sales = report.files[0];
    expect(sales).toMatchObject({ file: 'annex2.csv', rows: 3, rowsKept: 2, encoding: 'utf-8' });
    expect(issue(sales, 'bad-number')?.examples[0].line).toBe(3);
    expect(issue(sales, 'duplicate-key')?.examples[0]).toEqual({
      line: 5,
      detail: 'same as line 2',
    });
    expect(report.summary.missingKinds).toEqual(['annex1', 'annex3', 'annex4']);
    expect(report.summary.hasErrors).toBe(true);
  });

  it('reports absent files when all four are expected', () => {
    const { sales } = cleanAnnex();
    const report = validateAnnex({ sales }, {}, { expectAll: true });
    const missing = report.files.filter((f) => issue(f, 'missing-file') !== undefined);
    expect(missing.map((f) => [f.kind, issue(f, 'missing-file')?.severity])).toEqual([
      ['annex1', 'error'],
      ['annex3', 'warning'],
      ['annex4', 'warning'],
    ]);
    expect(report.summary).toMatchObject({ files: 1, kinds: ['annex2'], ok: false });
  });
});
