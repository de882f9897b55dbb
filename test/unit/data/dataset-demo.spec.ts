import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DatasetError,
  ensureDemoData,
  hasData,
  locateDataDir,
} from '../../../src/data/dataset.loader.js';
import { generateDataset } from '../../../src/data/generator/dataset.generator.js';

const TINY = { items: 5, days: 30, seed: 3 };

let root: string;
let n = 0;
const fresh = (): string => join(root, `case-${++n}`);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'freshcast-demo-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('ensureDemoData', () => {
  it('generates the demo into <dataDir>/demo when there is no data, once', async () => {
    const dataDir = fresh();
    expect(await hasData(dataDir)).toBe(false);
    const first = await ensureDemoData(dataDir, TINY);
    expect(first).toEqual({ dir: join(dataDir, 'demo'), generated: true });
    expect((await readdir(dataDir)).sort()).toEqual(['demo']);
    expect((await readdir(first.dir)).sort()).toEqual([
      'annex1.csv',
      'annex2.csv',
      'annex3.csv',
      'annex4.csv',
    ]);
    const written = (await stat(join(first.dir, 'annex2.csv'))).mtimeMs;
    const second = await ensureDemoData(dataDir, { ...TINY, items: 9 });
    expect(second).toEqual({ dir: first.dir, generated: false });
    expect((await stat(join(first.dir, 'annex2.csv'))).mtimeMs).toBe(written);
    expect(await hasData(dataDir)).toBe(true);
  });

  it('keeps data that is already in the folder itself', async () => {
    const dataDir = fresh();
    await generateDataset(dataDir, TINY);
    expect(await ensureDemoData(dataDir, TINY)).toEqual({ dir: dataDir, generated: false });
    expect(await readdir(dataDir)).not.toContain('demo');
  });

  it('prefers data in another subfolder over the demo', async () => {
    const dataDir = fresh();
    await generateDataset(join(dataDir, 'demo'), TINY);
    await mkdir(join(dataDir, 'shop'), { recursive: true });
    await writeFile(join(dataDir, 'shop', 'series.csv'), 'unique_id,ds,y\na,2024-01-01,1\n');
    expect(await locateDataDir(dataDir)).toBe(join(dataDir, 'shop'));
    expect(await ensureDemoData(dataDir, TINY)).toEqual({
      dir: join(dataDir, 'shop'),
      generated: false,
    });
  });

  it('refuses to generate into a demo folder holding other files', async () => {
    const dataDir = fresh();
    await mkdir(join(dataDir, 'demo'), { recursive: true });
    await writeFile(join(dataDir, 'demo', 'readme.txt'), 'not data\n');
    await expect(ensureDemoData(dataDir, TINY)).rejects.toThrow(DatasetError);
    expect(await readdir(join(dataDir, 'demo'))).toEqual(['readme.txt']);
  });

  it('generates into an empty demo folder', async () => {
    const dataDir = fresh();
    await mkdir(join(dataDir, 'demo'), { recursive: true });
    expect(await ensureDemoData(dataDir, TINY)).toEqual({
      dir: join(dataDir, 'demo'),
      generated: true,
    });
  });

  it('ends with one complete demo when two callers race', async () => {
    const dataDir = fresh();
    const results = await Promise.all([
      ensureDemoData(dataDir, TINY),
      ensureDemoData(dataDir, TINY),
    ]);
    expect(results.map((r) => r.dir)).toEqual([join(dataDir, 'demo'), join(dataDir, 'demo')]);
    expect(results.map((r) => r.generated).sort()).toEqual([false, true]);
    expect(await readdir(dataDir)).toEqual(['demo']);
    expect((await readdir(join(dataDir, 'demo'))).length).toBe(4);
  });
});
