import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  readItems,
  readLossRates,
  readSales,
  readWholesale,
} from '../../../../src/data/readers/annex.readers.js';
import type { FileReadMeta } from '../../../../src/data/readers/file-read.types.js';

const FIXTURES = join(__dirname, '../../../fixtures/readers');
const en = (name: string): string => join(FIXTURES, 'en', name);
const cn = (name: string): string => join(FIXTURES, 'cn', name);

function codes(meta: FileReadMeta, severity: 'error' | 'warning' | 'info'): string[] {
  return meta.issues.list(severity).map((i) => i.code);
}

const SALES_HEADER =
  'Date,Time,Item Code,Quantity Sold (kilo),Unit Selling Price (RMB/kg),Sale or Return,Discount (Yes/No)';

describe('annex readers on the English files (CRLF, BOM, NBSP, trailing spaces, quotes)', () => {
  it('reads the item master with codes as strings, NBSP made plain and names trimmed', async () => {
    const { data, meta } = await readItems(en('annex1.csv'));
    expect(meta.kind).toBe('annex1');
    expect(meta.rows).toBe(6);
    expect(meta.columnsMissing).toEqual([]);
    expect(data.code[0]).toBe('102900005115168');
    expect(data.name[1]).toBe('Sichuan Red Cedar, fresh');
    expect(data.name[2]).toBe('Local Xiaomao Cabbage');
    expect(data.categoryName[0]).toBe('Flower/Leaf Vegetables');
    expect(data.categoryCode[3]).toBe('1011010801');
    expect(codes(meta, 'error')).toEqual([]);
  });

  it('reads sales columns: dates, times, kg, prices, returns and discounts', async () => {
    const { data, meta } = await readSales(en('annex2.csv'));
    expect(data.length).toBe(9);
    expect(data.date.slice(0, 2)).toEqual(['2020-07-01', '2020-07-01']);
    expect(data.time[0]).toBe('09:15:07.924');
    expect(data.itemCode[0]).toBe('102900005115168');
    expect(data.quantity[0]).toBe(0.396);
    expect(data.unitPrice[2]).toBe(3.6);
    expect(Array.from(data.isReturn)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(Array.from(data.discount)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(data.quantity[6]).toBe(-0.396);
    expect(Array.from(meta.lines)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(meta.encoding).toBe('utf-8');
    expect(codes(meta, 'error')).toEqual([]);
    expect(codes(meta, 'warning')).toEqual([]);
  });

  it('reads wholesale quotes and loss rates (BOM, "4.39 ")', async () => {
    const w = await readWholesale(en('annex3.csv'));
    expect(w.data.length).toBe(4);
    expect(w.data.price[0]).toBe(4.32);
    const loss = await readLossRates(en('annex4.csv'));
    expect(loss.meta.encoding).toBe('utf-8-bom');
    expect(loss.meta.columnsFound).toEqual(['Item Code', 'Item Name', 'Loss Rate (%)']);
    expect(Array.from(loss.data.lossRatePct)).toEqual([4.39, 10.46, 0, 9.43, 29.25, 0]);
    expect(loss.data.name[1]).toBe('Sichuan Red Cedar, fresh');
  });
});

describe('annex readers on the Chinese files (附件, 2020/7/1, 销售/退货, 是/否)', () => {
  it('reads the same values as the English files', async () => {
    const [enSales, cnSales] = await Promise.all([
      readSales(en('annex2.csv')),
      readSales(cn('附件2.csv')),
    ]);
    expect(cnSales.meta.columnsMissing).toEqual([]);
    expect(cnSales.data).toEqual(enSales.data);
    const cnItems = await readItems(cn('附件1.csv'));
    expect(cnItems.data.code).toEqual((await readItems(en('annex1.csv'))).data.code);
    expect(cnItems.data.name[2]).toBe('本地小毛白菜');
    expect(cnItems.data.categoryName[0]).toBe('花叶类');
    const cnLoss = await readLossRates(cn('附件4.csv'));
    expect(Array.from(cnLoss.data.lossRatePct)).toEqual([4.39, 10.46, 0, 9.43, 29.25, 0]);
    const cnW = await readWholesale(cn('附件3.csv'));
    expect(cnW.data.date).toEqual(['2020-07-01', '2020-07-01', '2020-07-02', '2020-07-04']);
  });

  it('accepts full-width brackets and odd spacing in headers', async () => {
    const text = ' 单品编码 ,单品名称,损耗率（%）\n102900005115168,牛首生菜,4.39\n';
    const { data, meta } = await readLossRates(Buffer.from(text));
    expect(meta.columnsMissing).toEqual([]);
    expect(data.lossRatePct[0]).toBe(4.39);
  });
});

describe('annex readers on malformed input', () => {
  it('reports missing required columns with their expected names and reads no rows', async () => {
    const text = 'Date,Item Code,Unit Selling Price (RMB/kg)\n2020-07-01,1,2\n';
    const { data, meta } = await readSales(Buffer.from(text), { name: 'sales.csv' });
    expect(data.length).toBe(0);
    expect(meta.rows).toBe(1);
    expect(meta.columnsMissing).toContain('Quantity Sold (kilo) / 销量(千克)');
    const missing = meta.issues.list('error').find((i) => i.code === 'missing-column');
    expect(missing?.examples[0].column).toBe('Quantity Sold (kilo) / 销量(千克)');
    expect(codes(meta, 'warning')).toContain('missing-column');
  });

  it('skips rows with bad numbers, bad dates and empty codes, with line numbers', async () => {
    const text = [
      SALES_HEADER,
      '2020-07-01,09:00:00,102900005115168,0.5,7.6,Sale,No',
      '2020-07-01,09:00:01,102900005115168,abc,7.6,Sale,No',
      '2020-02-30,09:00:02,102900005115168,0.5,7.6,Sale,No',
      '01/07/2020,09:00:03,102900005115168,0.5,7.6,Sale,No',
      '2020-07-01,09:00:04,,0.5,7.6,Sale,No',
      '2020-07-01,09:00:05,1.02900005115168E+14,0.5,7.6,Sale,No',
      '2020-07-01,09:00:06,102900005115168,0.5,,Sale,No',
      '2020-07-01,9h,102900005115168,0.5,7.6,Maybe,Perhaps',
    ].join('\n');
    const { data, meta } = await readSales(Buffer.from(text));
    expect(meta.rows).toBe(8);
    expect(data.length).toBe(2);
    expect(Array.from(meta.lines)).toEqual([2, 9]);
    const errors = meta.issues.list('error');
    const bad = (code: string) => errors.filter((e) => e.code === code);
    expect(bad('bad-number')[0].examples[0]).toEqual({
      line: 3,
      column: 'Quantity Sold (kilo)',
      value: 'abc',
    });
    expect(bad('bad-date')[0].count).toBe(2);
    expect(bad('bad-date')[0].examples.map((e) => e.line)).toEqual([4, 5]);
    expect(bad('bad-date')[0].examples[1].detail).toContain('ambiguous');
    expect(bad('bad-item-code')[0].examples[0].line).toBe(7);
    expect(
      bad('missing-value')
        .map((e) => e.column)
        .sort(),
    ).toEqual(['Item Code', 'Unit Selling Price (RMB/kg)']);
    const warnings = meta.issues.list('warning').map((w) => `${w.code}:${w.column}`);
    expect(warnings.sort()).toEqual([
      'bad-time:Time',
      'unknown-flag:Discount (Yes/No)',
      'unknown-flag:Sale or Return',
    ]);
  });

  it('handles ragged rows: extra blank fields are fine, shifted rows are skipped', async () => {
    const text = [
      'Date,Item Code,Wholesale Price (RMB/kg)',
      '2020-07-01,102900005115168,4.32,,',
      '2020-07-01,102900005115199,2,10',
      '2020-07-01',
      '2020-07-02,102900005115199,2.5',
    ].join('\r\n');
    const { data, meta } = await readWholesale(Buffer.from(text));
    expect(data.price).toEqual(new Float64Array([4.32, 2.5]));
    const ragged = meta.issues.list('error').filter((e) => e.code === 'ragged-row');
    expect(ragged.map((r) => r.examples[0].line)).toEqual([3, 4]);
  });

  it('says when a file is of another kind', async () => {
    const { meta } = await readSales(
      Buffer.from('Date,Item Code,Wholesale Price (RMB/kg)\n2020-07-01,1,2\n'),
    );
    const wrong = meta.issues.list('error').find((e) => e.code === 'wrong-kind');
    expect(wrong?.message).toContain('annex3');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'empty-file'],
    ['only blank lines', Buffer.from('\r\n\r\n  \n'), 'empty-file'],
    ['a BOM and nothing else', Buffer.from([0xef, 0xbb, 0xbf]), 'empty-file'],
    ['only commas', Buffer.from(',,,\n,,,\n'), 'empty-file'],
    ['a header without rows', Buffer.from(`${SALES_HEADER}\r\n`), 'no-data-rows'],
    [
      'random binary bytes',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0]),
      'binary-file',
    ],
    ['an xlsx workbook', Buffer.from('PK\u0003\u0004[Content_Types].xml'), 'binary-file'],
    [
      'Latin-1 bytes that are not UTF-8 nor GBK',
      Buffer.from([0x61, 0x2c, 0xff, 0xfe, 0xfd, 0x0a]),
      'not-utf8',
    ],
  ])('gives one clear error for %s', async (_what, bytes, code) => {
    const { data, meta } = await readSales(bytes);
    expect(data.length).toBe(0);
    expect(codes(meta, 'error')).toEqual([code]);
    expect(meta.issues.list('error')[0].message.length).toBeGreaterThan(10);
  });

  it('reports an unreadable path instead of throwing', async () => {
    const { meta } = await readItems(join(FIXTURES, 'no-such-file.csv'));
    expect(codes(meta, 'error')).toEqual(['unreadable-file']);
    expect(meta.file).toBe('no-such-file.csv');
  });

  it('transcodes GBK and UTF-16 files with a warning', async () => {
    const gbk = Buffer.from(
      'b5a5c6b7b1e0c2eb2cb5a5c6b7c3fbb3c62cb7d6c0e0b1e0c2eb2cb7d6c0e0c3fbb3c60a3130323930303030353131353136382cc5a3cad7c9fab2cb2c313031313031303130312cbba8d2b6c0e00a',
      'hex',
    );
    const items = await readItems(gbk);
    expect(items.meta.encoding).toBe('gb18030');
    expect(codes(items.meta, 'warning')).toEqual(['transcoded']);
    expect(items.data.name).toEqual(['牛首生菜']);
    expect(items.data.categoryName).toEqual(['花叶类']);
    const text = 'Item Code,Item Name,Loss Rate (%)\r\n102900005115168,Niushou,4.39\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const loss = await readLossRates(utf16);
    expect(loss.meta.encoding).toBe('utf-16le');
    expect(loss.data.lossRatePct[0]).toBe(4.39);
  });

  it('warns about invalid UTF-8 later in a file, with its line', async () => {
    // 9,000 good rows (past the 64 KiB that decide the encoding), then a row with a broken byte.
    const padded = Buffer.concat([
      Buffer.from('Item Code,Item Name,Category Code,Category Name\n'),
      Buffer.from('1,a,2,b\n'.repeat(9000)),
      Buffer.from([0x33, 0x2c, 0xc3, 0x28, 0x2c, 0x34, 0x2c, 0x63, 0x0a]),
    ]);
    const { data, meta } = await readItems(padded);
    expect(data.code.length).toBe(9001);
    expect(data.name[9000]).toBe('\ufffd(');
    const w = meta.issues.list('warning').find((i) => i.code === 'invalid-utf8');
    expect(w?.examples[0].line).toBe(9002);
  });

  it('reads from a stream in small chunks, and semicolon- or tab-separated files', async () => {
    const text = `${SALES_HEADER.replaceAll(',', ';')}\n2020-07-01;09:15:07.924;102900005115168;0.396;7.60;Sale;No\n`;
    const chunks =
      Buffer.from(text)
        .toString('latin1')
        .match(/.{1,5}/gs) ?? [];
    const stream = Readable.from(chunks.map((c) => Buffer.from(c, 'latin1')));
    const { data, meta } = await readSales(stream);
    expect(meta.delimiter).toBe(';');
    expect(data.unitPrice[0]).toBe(7.6);
    expect(codes(meta, 'info')).toContain('delimiter');
    const tsv = await readWholesale(
      Buffer.from('Date\tItem Code\tWholesale Price (RMB/kg)\n2020-07-01\t1\t2.5\n'),
    );
    expect(tsv.data.price[0]).toBe(2.5);
  });
});
