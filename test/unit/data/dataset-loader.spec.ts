import { copyFile, mkdir, mkdtemp, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DatasetError,
  findDataSource,
  loadDataset,
  type DatasetStep,
} from '../../../src/data/dataset.loader.js';
import { generateDataset } from '../../../src/data/generator/dataset.generator.js';
import { buildAnnexPanel } from '../../../src/data/panel/annex-panel.builder.js';
import { readAnnexDir } from '../../../src/data/readers/annex-dir.reader.js';
import { validateDataDir } from '../../../src/data/validation/validate-uploads.js';
import { MAX_CALENDAR_DAYS } from '../../../src/data/validation/report.builder.js';
import { addDays } from '../../../src/data/dates.js';

const TINY = { items: 20, days: 120, seed: 7 };
const ANNEX = ['annex1.csv', 'annex2.csv', 'annex3.csv', 'annex4.csv'];

let root: string;
let en: string;
let cn: string;

async function copyAnnex(from: string, to: string, skip: string[] = []): Promise<string> {
  await mkdir(to, { recursive: true });
  for (const name of ANNEX)
    if (!skip.includes(name)) await copyFile(join(from, name), join(to, name));
  return to;
}

function longCsv(): string {
  const lines = ['unique_id,ds,y'];
  for (const id of ['a', 'b']) {
    for (let d = 1; d <= 28; d++) lines.push(`${id},2024-02-${String(d).padStart(2, '0')},${d}`);
  }
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'freshcast-loader-'));
  en = (await generateDataset(join(root, 'en'), { ...TINY, lang: 'en' })).outDir;
  cn = (await generateDataset(join(root, 'cn'), { ...TINY, lang: 'cn' })).outDir;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadDataset on annex files', () => {
  it('validates like validateDataDir and builds the same panel as the annex builder', async () => {
    const loaded = await loadDataset({ data: en });
    expect(loaded.report).toEqual(await validateDataDir(en));
    expect(loaded.report.summary.ok).toBe(true);
    expect(loaded.source.kind).toBe('annex');
    const expected = buildAnnexPanel((await readAnnexDir(en)).data);
    expect(loaded.panel).not.toBeNull();
    expect(loaded.panel?.seriesIds).toEqual(expected.seriesIds);
    expect(loaded.panel?.dates).toHaveLength(TINY.days);
    expect(loaded.panel?.columns.get('quantity')).toEqual(expected.columns.get('quantity'));
    expect(loaded.panel?.columns.get('wholesale')).toEqual(expected.columns.get('wholesale'));
    for (const step of ['find', 'read', 'validate', 'panel', 'total']) {
      expect(loaded.timings[step]).toBeGreaterThanOrEqual(0);
    }
  });

  it('reads Chinese headers into the same panel as English ones', async () => {
    const [a, b] = await Promise.all([loadDataset({ data: en }), loadDataset({ data: cn })]);
    expect(b.report.summary.ok).toBe(true);
    expect(b.panel?.seriesIds).toEqual(a.panel?.seriesIds);
    expect(b.panel?.columns.get('quantity')).toEqual(a.panel?.columns.get('quantity'));
    expect(b.panel?.statics.categoryCode).toEqual(a.panel?.statics.categoryCode);
  });

  it('reports progress step by step, reading bytes up to the files total', async () => {
    const calls: [DatasetStep, number, number][] = [];
    await loadDataset({ data: en }, { onProgress: (s, d, t) => calls.push([s, d, t]) });
    let bytes = 0;
    for (const name of ANNEX) bytes += (await stat(join(en, name))).size;
    const reads = calls.filter(([s]) => s === 'read');
    expect(reads[0]).toEqual(['read', 0, bytes]);
    expect(reads.at(-1)).toEqual(['read', bytes, bytes]);
    expect(reads.filter(([, d]) => d === bytes)).toHaveLength(1);
    const done = reads.map(([, d]) => d);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(calls.filter(([s]) => s !== 'read')).toEqual([
      ['validate', 0, 1],
      ['validate', 1, 1],
      ['panel', 0, 1],
      ['panel', 1, 1],
    ]);
  });

  it('skips the panel when asked to', async () => {
    const loaded = await loadDataset({ data: en }, { panel: false });
    expect(loaded.report.summary.ok).toBe(true);
    expect(loaded.panel).toBeNull();
    expect(loaded.timings.panel).toBeUndefined();
  });

  it('refuses the panel when a required file is missing, with the validateDataDir report', async () => {
    const dir = await copyAnnex(en, join(root, 'no-sales'), ['annex2.csv']);
    const loaded = await loadDataset({ data: dir });
    expect(loaded.panel).toBeNull();
    expect(loaded.report.summary.hasErrors).toBe(true);
    expect(loaded.report.summary.missingKinds).toEqual(['annex2']);
    expect(loaded.report).toEqual(await validateDataDir(dir));
  });

  it('refuses the panel when a file has broken content', async () => {
    const dir = await copyAnnex(en, join(root, 'broken-items'));
    await writeFile(join(dir, 'annex1.csv'), 'Item Code,Item Name\r\n1,x\r\n');
    const loaded = await loadDataset({ data: dir });
    expect(loaded.panel).toBeNull();
    const items = loaded.report.files.find((f) => f.file === 'annex1.csv');
    expect(items?.errors.map((e) => e.code)).toContain('missing-column');
  });

  it('ignores a long-format file next to annex files, saying so in the report', async () => {
    const dir = await copyAnnex(en, join(root, 'mixed'));
    await writeFile(join(dir, 'series.csv'), longCsv());
    const source = await findDataSource(dir);
    expect(source.kind).toBe('annex');
    const loaded = await loadDataset({ data: dir });
    expect(loaded.panel).not.toBeNull();
    const notice = loaded.report.files.find((f) => f.file === 'series.csv');
    expect(notice?.warnings.map((w) => w.code)).toEqual(['ignored-file']);
  });
});

describe('loadDataset on long-format files', () => {
  it('loads --series FILE with y as the named target', async () => {
    const file = join(root, 'series.csv');
    await writeFile(file, longCsv());
    const loaded = await loadDataset({ series: file }, { target: 'price' });
    expect(loaded.source).toEqual({ kind: 'long', file, dir: null, ignored: [] });
    expect(loaded.panel?.seriesIds).toEqual(['a', 'b']);
    expect(loaded.panel?.dates).toHaveLength(28);
    expect(Array.from(loaded.panel?.columns.get('price')?.subarray(0, 3) ?? [])).toEqual([1, 2, 3]);
    expect(loaded.panel?.columns.has('quantity')).toBe(false);
  });

  it('refuses the panel when one stray date stretches the calendar past its limit', async () => {
    const file = join(root, 'stray.csv');
    await writeFile(file, longCsv() + 'a,9999-12-31,1\n');
    const loaded = await loadDataset({ series: file });
    expect(loaded.panel).toBeNull();
    const errors = loaded.report.files[0].errors;
    expect(errors.map((e) => e.code)).toEqual(['calendar-too-long']);
    expect(errors[0].message).toContain('2024-02-01 .. 9999-12-31');
    expect(errors[0].examples.map((e) => e.value)).toEqual(['2024-02-01', '9999-12-31']);
    // The longest calendar allowed still loads.
    await writeFile(file, longCsv() + `a,${addDays('2024-02-01', MAX_CALENDAR_DAYS - 1)},1\n`);
    expect((await loadDataset({ series: file })).panel?.dates).toHaveLength(MAX_CALENDAR_DAYS);
  });

  it('finds a long-format file in a folder without annex files', async () => {
    const dir = join(root, 'long-dir');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'history.csv'), longCsv());
    const source = await findDataSource(dir);
    expect(source).toMatchObject({ kind: 'long', file: join(dir, 'history.csv'), dir });
    const loaded = await loadDataset({ data: dir });
    expect(loaded.report.summary.series).toBe(2);
    expect(loaded.panel?.seriesIds).toEqual(['a', 'b']);
  });
});

describe('loadDataset without data', () => {
  const codeOf = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'resolved';
    } catch (err) {
      return err instanceof DatasetError ? `${err.code}: ${err.message}` : String(err);
    }
  };

  it('says a folder or file is missing or of the wrong type', async () => {
    expect(await codeOf(loadDataset({ data: join(root, 'nope') }))).toMatch(/^NOT_FOUND: .*nope/);
    expect(await codeOf(loadDataset({ series: join(root, 'nope.csv') }))).toMatch(/^NOT_FOUND/);
    expect(await codeOf(loadDataset({ data: join(en, 'annex1.csv') }))).toMatch(
      /^WRONG_TYPE: not a folder/,
    );
    expect(await codeOf(loadDataset({ series: en }))).toMatch(/^WRONG_TYPE: not a file/);
  });

  it('says a folder holds no data, naming ignored files and data found in a subfolder', async () => {
    const dir = join(root, 'empty-ish');
    await copyAnnex(en, join(dir, 'shop'));
    await writeFile(join(dir, 'sales.xlsx'), 'PK');
    await writeFile(join(dir, 'notes.txt'), 'hello, world\n');
    const message = await codeOf(loadDataset({ data: dir }));
    expect(message).toMatch(/^NO_DATA: no data files in /);
    expect(message).toContain(`data files were found in ${join(dir, 'shop')}`);
    expect(message).toContain('sales.xlsx (a spreadsheet workbook');
    expect(message).toContain('notes.txt (header not recognised)');
    await unlink(join(dir, 'sales.xlsx'));
  });
});
