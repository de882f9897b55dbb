import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverDataFiles, readAnnexDir } from '../../../../src/data/readers/annex-dir.reader.js';

const FIXTURES = join(__dirname, '../../../fixtures/readers');

describe('readAnnexDir', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'freshcast-readers-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('reads the four Chinese-named files (附件1..4)', async () => {
    const r = await readAnnexDir(join(FIXTURES, 'cn'));
    expect(r.missing).toEqual([]);
    expect(r.data.items.code).toHaveLength(6);
    expect(r.data.sales.length).toBe(9);
    expect(r.data.wholesale.length).toBe(4);
    expect(r.data.lossRates.code).toHaveLength(6);
    expect(r.reads.annex2?.file).toBe('附件2.csv');
  });

  it('finds files with other names by their header, and lists workbooks as skipped', async () => {
    await copyFile(join(FIXTURES, 'en/annex1.csv'), join(tmp, 'items.csv'));
    await copyFile(join(FIXTURES, 'en/annex2.csv'), join(tmp, 'SALES_2023.CSV'));
    await copyFile(join(FIXTURES, 'en/annex4.csv'), join(tmp, 'Annex4.csv'));
    await writeFile(join(tmp, 'annex3.xlsx'), Buffer.from('PK\u0003\u0004'));
    await writeFile(join(tmp, 'notes.csv'), 'hello,world\n1,2\n');
    await writeFile(join(tmp, 'README.md'), '# data\n');
    await mkdir(join(tmp, 'sub'));
    const r = await readAnnexDir(tmp);
    expect(r.missing).toEqual(['annex3']);
    expect(r.data.wholesale.length).toBe(0);
    expect(r.data.sales.length).toBe(9);
    expect(r.reads.annex1?.file).toBe('items.csv');
    expect(r.reads.annex3).toBeUndefined();
    expect(r.listing.skipped.map((s) => `${s.name}:${s.why}`).sort()).toEqual([
      'annex3.xlsx:workbook',
      'notes.csv:unrecognised',
    ]);
  });

  it('prefers the file named for a kind over another with the same header', async () => {
    await copyFile(join(FIXTURES, 'en/annex3.csv'), join(tmp, 'annex3.csv'));
    await copyFile(join(FIXTURES, 'en/annex3.csv'), join(tmp, 'quotes-copy.csv'));
    const listing = await discoverDataFiles(tmp);
    expect(listing.byKind.get('annex3')?.map((p) => p.slice(tmp.length + 1))).toEqual([
      'annex3.csv',
      'quotes-copy.csv',
    ]);
    expect(listing.skipped).toEqual([
      {
        name: 'quotes-copy.csv',
        why: 'duplicate',
        reason: 'another annex3 file is used: annex3.csv',
      },
    ]);
  });

  it('reports a folder that does not exist', async () => {
    const listing = await discoverDataFiles(join(tmp, 'nope'));
    expect(listing.error).toContain('ENOENT');
    const r = await readAnnexDir(join(tmp, 'nope'));
    expect(r.missing).toEqual(['annex1', 'annex2', 'annex3', 'annex4']);
  });
});
