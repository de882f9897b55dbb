import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATEGORY_SPECS } from '../../../../src/data/generator/category-specs.js';
import { generateDataset } from '../../../../src/data/generator/dataset.generator.js';
import { GeneratorOptionsError } from '../../../../src/data/generator/generator-options.js';
import { daysSoldPerItem, readAnnexFiles, type AnnexFiles } from './annex-files.helper.js';

const TINY = { items: 20, days: 120, start: '2020-07-01', seed: 11 } as const;
const FILES = ['annex1.csv', 'annex2.csv', 'annex3.csv', 'annex4.csv'];

describe('generateDataset: files, quirks, determinism (20 items × 120 days)', () => {
  let root: string;
  let en: AnnexFiles;
  let cn: AnnexFiles;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'freshcast-gen-'));
    await generateDataset(join(root, 'en'), { ...TINY, lang: 'en' });
    await generateDataset(join(root, 'cn'), { ...TINY, lang: 'cn' });
    en = readAnnexFiles(join(root, 'en'));
    cn = readAnnexFiles(join(root, 'cn'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the exact English headers', () => {
    expect(en.header.items).toEqual(['Item Code', 'Item Name', 'Category Code', 'Category Name']);
    expect(en.header.sales).toEqual([
      'Date',
      'Time',
      'Item Code',
      'Quantity Sold (kilo)',
      'Unit Selling Price (RMB/kg)',
      'Sale or Return',
      'Discount (Yes/No)',
    ]);
    expect(en.header.wholesale).toEqual(['Date', 'Item Code', 'Wholesale Price (RMB/kg)']);
    expect(en.header.lossRates).toEqual(['Item Code', 'Item Name', 'Loss Rate (%)']);
  });

  it('writes the exact Chinese headers and values', () => {
    expect(cn.header.items).toEqual(['单品编码', '单品名称', '分类编码', '分类名称']);
    expect(cn.header.sales).toEqual([
      '销售日期',
      '扫码销售时间',
      '单品编码',
      '销量(千克)',
      '销售单价(元/千克)',
      '销售类型',
      '是否打折销售',
    ]);
    expect(cn.header.wholesale).toEqual(['日期', '单品编码', '批发价格(元/千克)']);
    expect(cn.header.lossRates).toEqual(['单品编码', '单品名称', '损耗率(%)']);
    const kinds = new Set(cn.sales.map((r) => r[5]));
    expect(kinds).toContain('销售');
    expect([...kinds].every((k) => k === '销售' || k === '退货')).toBe(true);
    expect(new Set(cn.sales.map((r) => r[6]))).toEqual(new Set(['是', '否']));
    const cnCategories = ['花叶类', '食用菌', '辣椒类', '水生根茎类', '茄类', '花菜类'];
    expect(new Set(cn.items.map((r) => r[3]))).toEqual(new Set(cnCategories));
    expect(cn.items.some((r) => /[\u4e00-\u9fff]/.test(r[1]))).toBe(true);
  });

  it('writes the same data in both languages (same codes, prices, quantities)', () => {
    expect(cn.items.map((r) => r[0])).toEqual(en.items.map((r) => r[0]));
    expect(cn.raw.wholesale.slice(cn.raw.wholesale.indexOf('\r\n'))).toBe(
      en.raw.wholesale.slice(en.raw.wholesale.indexOf('\r\n')),
    );
    const firstFive = (f: AnnexFiles): string =>
      f.sales.map((r) => r.slice(0, 5).join()).join('\n');
    expect(firstFive(cn)).toBe(firstFive(en));
  });

  it('reproduces the real files quirks', () => {
    for (const text of Object.values(en.raw)) {
      expect(text.endsWith('\r\n')).toBe(true);
      expect(/[^\r]\n/.test(text)).toBe(false);
    }
    expect(en.raw.lossRates.startsWith('\ufeffItem Code,')).toBe(true);
    expect(en.raw.items.startsWith('\ufeff')).toBe(false);
    expect(en.lossRates.every((r) => /^\d+\.\d{2} $/.test(r[2]))).toBe(true);
    const leaf = en.items.filter((r) => r[3].startsWith('Flower/Leaf'));
    expect(leaf.length).toBeGreaterThan(0);
    expect(leaf.every((r) => r[3] === 'Flower/Leaf\u00a0Vegetables')).toBe(true);
    expect(en.items.some((r) => r[1].endsWith(' '))).toBe(true);
    expect(en.lossRates.some((r) => r[1].endsWith(' '))).toBe(true);
    const names = en.items.map((r) => r[1]);
    const repeated = new Set(names.filter((n, i) => names.indexOf(n) !== i));
    expect(repeated.size).toBe(4);
    expect(new Set(cn.items.map((r) => r[1])).size).toBe(cn.items.length);
  });

  it('writes 15-digit string codes, real category codes, plausible values', () => {
    const codes = en.items.map((r) => r[0]);
    expect(codes.every((c) => /^1029000\d{8}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    const categoryCodes = new Set(CATEGORY_SPECS.map((c) => c.code));
    expect(en.items.every((r) => categoryCodes.has(r[2]))).toBe(true);
    expect(en.sales.every((r) => /^\d{2}:\d{2}:\d{2}\.\d{3}$/.test(r[1]))).toBe(true);
    expect(en.sales.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[0]))).toBe(true);
    const kg = en.sales.map((r) => Math.abs(Number(r[3])));
    const meanKg = kg.reduce((s, x) => s + x, 0) / kg.length;
    expect(meanKg).toBeGreaterThan(0.2);
    expect(meanKg).toBeLessThan(1.2);
    expect(en.sales.every((r) => Number(r[4]) > 0)).toBe(true);
  });

  it('keeps category proportions and at least one dense item at small sizes', () => {
    const perCategory = new Map<string, number>();
    for (const r of en.items) perCategory.set(r[2], (perCategory.get(r[2]) ?? 0) + 1);
    // 100/72/45/19/10/5 of 251 scaled to 20, every category kept.
    expect(CATEGORY_SPECS.map((c) => perCategory.get(c.code))).toEqual([7, 6, 4, 1, 1, 1]);
    const sold = daysSoldPerItem(en.sales, 'Sale');
    expect(Math.max(...sold.values())).toBeGreaterThanOrEqual(0.8 * 120);
  });

  it('is deterministic for a seed: byte-identical files; another seed differs', async () => {
    const again = join(root, 'again');
    const other = join(root, 'other');
    await generateDataset(again, { ...TINY, lang: 'en' });
    await generateDataset(other, { ...TINY, lang: 'en', seed: TINY.seed + 1 });
    for (const f of FILES) {
      expect(readFileSync(join(again, f)).equals(readFileSync(join(root, 'en', f)))).toBe(true);
    }
    expect(
      readFileSync(join(other, 'annex2.csv')).equals(readFileSync(join(again, 'annex2.csv'))),
    ).toBe(false);
  });

  it('returns a summary that matches the files', async () => {
    const dir = join(root, 'summary');
    const s = await generateDataset(dir, { ...TINY, days: 30, lang: 'en' });
    const files = readAnnexFiles(dir);
    expect(s.rows.sales).toBe(files.sales.length);
    expect(s.rows.wholesale).toBe(files.wholesale.length);
    expect(s.firstDate).toBe('2020-07-01');
    expect(s.lastDate).toBe('2020-07-30');
    expect(s.files.sales).toBe(join(dir, 'annex2.csv'));
    const net = files.sales.reduce((sum, r) => sum + Number(r[3]), 0);
    expect(s.totalNetQuantity).toBeCloseTo(net, 3);
  });

  it('rejects invalid options with a clear error before writing anything', async () => {
    const dir = join(root, 'never');
    await expect(generateDataset(dir, { days: 5 })).rejects.toThrow(GeneratorOptionsError);
    await expect(generateDataset(dir, { items: 0 })).rejects.toThrow(/"items".*1 to 5000, got 0/);
    await expect(generateDataset(dir, { start: '2021-02-30' })).rejects.toThrow(/"start"/);
    expect(() => readFileSync(join(dir, 'annex1.csv'))).toThrow();
  });
});
