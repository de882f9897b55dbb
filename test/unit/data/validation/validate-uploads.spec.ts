import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  validateDataDir,
  validateUploads,
  type UploadedFile,
} from '../../../../src/data/validation/validate-uploads.js';
import type {
  FileReport,
  ValidationReport,
} from '../../../../src/data/validation/validation-report.types.js';

const FIXTURES = join(__dirname, '../../../fixtures/readers');

async function upload(dir: string, name: string, as = name): Promise<UploadedFile> {
  return { name: as, bytes: await readFile(join(FIXTURES, dir, name)) };
}

function codesOf(f: FileReport | undefined): string[] {
  return [...(f?.errors ?? []), ...(f?.warnings ?? []), ...(f?.notes ?? [])].map((i) => i.code);
}

const byName = (r: ValidationReport, name: string) => r.files.find((f) => f.file === name);

describe('validateUploads', () => {
  it('detects the four English files by header whatever their names, and checks across them', async () => {
    const files = await Promise.all([
      upload('en', 'annex4.csv', 'loss.csv'),
      upload('en', 'annex2.csv', 'export (1).csv'),
      upload('en', 'annex1.csv', 'items.csv'),
      upload('en', 'annex3.csv', 'wholesale.csv'),
    ]);
    const report = await validateUploads(files);
    expect(report.files.map((f) => [f.file, f.kind])).toEqual([
      ['loss.csv', 'annex4'],
      ['export (1).csv', 'annex2'],
      ['items.csv', 'annex1'],
      ['wholesale.csv', 'annex3'],
    ]);
    expect(report.summary).toMatchObject({
      ok: true,
      clean: false,
      errorCount: 0,
      warningCount: 2,
      files: 4,
      missingKinds: [],
      items: 6,
      series: 5,
      dateRange: { start: '2020-07-01', end: '2020-07-05', days: 5 },
    });
    const sales = byName(report, 'export (1).csv');
    expect(codesOf(sales).sort()).toEqual(['dates-without-rows', 'items-never-sold', 'returns']);
  });

  it('gives the same verdict for the Chinese files', async () => {
    const names = ['附件1.csv', '附件2.csv', '附件3.csv', '附件4.csv'];
    const report = await validateUploads(await Promise.all(names.map((n) => upload('cn', n))));
    expect(report.files.map((f) => f.kind)).toEqual(['annex1', 'annex2', 'annex3', 'annex4']);
    expect(report.summary).toMatchObject({ ok: true, warningCount: 2, items: 6, series: 5 });
  });

  it('validates whatever subset was uploaded, without cross-file checks it cannot make', async () => {
    const report = await validateUploads([await upload('en', 'annex2.csv')]);
    expect(report.files).toHaveLength(1);
    expect(codesOf(report.files[0]).sort()).toEqual(['dates-without-rows', 'returns']);
    expect(report.summary.missingKinds).toEqual(['annex1', 'annex3', 'annex4']);
    expect(report.summary.ok).toBe(true);
  });

  it('gives bad files an error entry and never throws', async () => {
    const report = await validateUploads([
      await upload('en', 'annex1.csv'),
      {
        name: 'photo.png',
        bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      },
      { name: 'empty.csv', bytes: Buffer.alloc(0) },
      { name: 'other.csv', bytes: Buffer.from('foo,bar\n1,2\n') },
      { name: 'book.xlsx', bytes: Buffer.from('PK\u0003\u0004rest') },
    ]);
    expect(report.files.map((f) => [f.file, f.kind, f.errors.map((e) => e.code)])).toEqual([
      ['annex1.csv', 'annex1', []],
      ['photo.png', 'unknown', ['binary-file']],
      ['empty.csv', 'unknown', ['empty-file']],
      ['other.csv', 'unknown', ['unknown-kind']],
      ['book.xlsx', 'unknown', ['binary-file']],
    ]);
    expect(report.files[4].errors[0].message).toContain('Excel');
    expect(report.summary).toMatchObject({ ok: false, hasErrors: true, errorCount: 4 });
  });

  it('uses the first file of a kind and says so for the next', async () => {
    const report = await validateUploads([
      await upload('en', 'annex3.csv', 'a.csv'),
      await upload('cn', '附件3.csv', 'b.csv'),
    ]);
    expect(codesOf(byName(report, 'b.csv'))).toEqual(['duplicate-file']);
    expect(byName(report, 'b.csv')?.rows).toBe(4);
  });

  it('validates a long-format upload', async () => {
    const report = await validateUploads([await upload('.', 'long.csv')]);
    expect(report.files[0].kind).toBe('long');
    expect(report.summary).toMatchObject({ ok: true, series: 2, missingKinds: [] });
    expect(codesOf(report.files[0])).toEqual(['non-numeric-column', 'short-series']);
  });

  it('reports an empty upload list', async () => {
    const report = await validateUploads([]);
    expect(report.summary.hasErrors).toBe(true);
    expect(report.files[0].errors[0].code).toBe('missing-file');
  });

  it('returns a plain JSON object with a stable shape', async () => {
    const report = await validateUploads([
      await upload('en', 'annex2.csv'),
      { name: 'x.csv', bytes: Buffer.from('a\n') },
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'files', 'summary']);
    for (const f of report.files) {
      expect(Object.keys(f)).toEqual([
        'file',
        'kind',
        'rows',
        'rowsKept',
        'encoding',
        'columnsFound',
        'columnsMissing',
        'dateRange',
        'errors',
        'warnings',
        'notes',
      ]);
    }
  });
});

describe('validateDataDir', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'freshcast-validate-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('validates a folder of annex files', async () => {
    const report = await validateDataDir(join(FIXTURES, 'en'));
    expect(report.summary).toMatchObject({ ok: true, files: 4, warningCount: 2 });
  });

  it('reports absent annex files (sales and item master as errors) and ignored workbooks', async () => {
    await copyFile(join(FIXTURES, 'en/annex2.csv'), join(tmp, 'annex2.csv'));
    await writeFile(join(tmp, 'annex1.xlsx'), Buffer.from('PK\u0003\u0004'));
    const report = await validateDataDir(tmp);
    expect(
      report.files.map((f) => [f.file, codesOf(f).filter((c) => c.endsWith('-file'))]),
    ).toEqual([
      ['annex2.csv', []],
      ['annex1.csv', ['missing-file']],
      ['annex3.csv', ['missing-file']],
      ['annex4.csv', ['missing-file']],
      ['annex1.xlsx', ['ignored-file']],
    ]);
    expect(report.summary).toMatchObject({ ok: false, files: 2, errorCount: 1 });
  });

  it('validates a folder with a long-format file only, without asking for annex files', async () => {
    await copyFile(join(FIXTURES, 'long.csv'), join(tmp, 'series.csv'));
    const report = await validateDataDir(tmp);
    expect(report.files.map((f) => f.kind)).toEqual(['long']);
    expect(report.summary.ok).toBe(true);
  });

  it('reports a folder that cannot be read', async () => {
    const report = await validateDataDir(join(tmp, 'missing'));
    expect(report.files[0].errors[0].code).toBe('unreadable-file');
    expect(report.summary.ok).toBe(false);
  });
});

describe('validateUploads with an unusable annex file', () => {
  it('reports its read errors but runs no cross-file checks on it', async () => {
    const items = await upload('en', 'annex1.csv');
    const sales = {
      name: 'annex2.csv',
      bytes: Buffer.from('Date,Time,Item Code\n2020-07-01,09:00,1\n'),
    };
    const report = await validateUploads([items, sales]);
    const salesReport = byName(report, 'annex2.csv');
    expect(salesReport?.kind).toBe('annex2');
    expect(codesOf(salesReport)).toEqual(['missing-column', 'missing-column']);
    expect(report.summary).toMatchObject({ ok: false, series: null, dateRange: null });
  });
});
