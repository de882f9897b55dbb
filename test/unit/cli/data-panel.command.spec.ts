import { lstatSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { DATA_COMMANDS } from '../../../src/cli/commands/data.commands.js';
import { loadDataset } from '../../../src/data/dataset.loader.js';

let root: string;
let en: string;

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, DATA_COMMANDS, io);
  return { code, out: io.stdout, err: io.stderr };
}

function csvRows(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

/** y by `unique_id|ds` of a long-format CSV. */
function yByKey(rows: string[][]): Map<string, string> {
  return new Map(rows.slice(1).map((r) => [`${r[0]}|${r[1]}`, r[2]]));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'freshcast-cli-panel-'));
  en = join(root, 'en');
  const r = await run(
    'data',
    'generate',
    '--out',
    en,
    '--items',
    '20',
    '--days',
    '120',
    '--seed',
    '4',
  );
  expect(r.code).toBe(0);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('freshcast data panel', () => {
  it('writes the daily panel in long format to a file', async () => {
    const file = join(root, 'out', 'panel.csv');
    const r = await run('data', 'panel', '--data', en, '--out', file);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const rows = csvRows(await readFile(file, 'utf8'));
    expect(rows[0]).toEqual([
      'unique_id',
      'ds',
      'y',
      'revenue',
      'price',
      'wholesale',
      'discount_share',
      'return_kg',
      'listed',
      'category',
      'loss_rate',
    ]);
    expect(r.err).toContain(`panel: ${(rows.length - 1).toLocaleString('en-US')} rows`);
    expect(r.err).toContain('× 120 days');
    expect(await readdir(join(root, 'out'))).toEqual(['panel.csv']);
    // y is the panel's quantity, cell by cell.
    const { panel } = await loadDataset({ data: en });
    const quantity = panel?.columns.get('quantity');
    const days = panel?.dates.length ?? 0;
    for (const row of rows.slice(1, 200)) {
      const c =
        (panel?.seriesIds.indexOf(row[0]) ?? 0) * days + (panel?.dates.indexOf(row[1]) ?? 0);
      const expected = quantity?.[c] ?? NaN;
      if (Number.isNaN(expected)) expect(row[2]).toBe('');
      else expect(Number(row[2])).toBeCloseTo(expected, 3);
    }
  });

  it('writes to stdout with --out - and names the target as y', async () => {
    const r = await run('data', 'panel', '--data', en, '--out', '-', '--target', 'price');
    expect(r.code).toBe(0);
    const rows = csvRows(r.out);
    expect(rows[0].slice(0, 4)).toEqual(['unique_id', 'ds', 'y', 'quantity']);
    expect(rows.length).toBeGreaterThan(100);
    expect(r.err).toContain('y = price');
    expect(r.err).toContain('written to stdout');
  });

  it('reads its own output back as a long-format series with the same y', async () => {
    const file = join(root, 'panel-quantity.csv');
    expect((await run('data', 'panel', '--data', en, '--out', file)).code).toBe(0);
    const again = await run('data', 'panel', '--series', file, '--out', '-');
    expect(again.code).toBe(0);
    const before = yByKey(csvRows(await readFile(file, 'utf8')));
    const after = yByKey(csvRows(again.out));
    expect(after.size).toBe(before.size);
    for (const [key, y] of before) expect(after.get(key)).toBe(y);
    // its `listed` column is read back as an extra column: still written once
    const header = csvRows(again.out)[0];
    expect(header.filter((name) => name === 'listed')).toHaveLength(1);
    expect(new Set(header).size).toBe(header.length);
  });

  it('refuses to write over the file or folder data it reads (exit 2, data unchanged)', async () => {
    const series = join(root, 'own-input.csv');
    await writeFile(series, 'unique_id,ds,y\na,2024-01-01,1\na,2024-01-02,2\n');
    const self = await run('data', 'panel', '--series', series, '--out', series);
    expect(self.code).toBe(2);
    expect(self.err).toContain(`--out ${series} is the input file`);
    expect(await readFile(series, 'utf8')).toBe('unique_id,ds,y\na,2024-01-01,1\na,2024-01-02,2\n');

    const copy = join(root, 'annex-copy');
    await mkdir(copy);
    for (const f of ['annex1.csv', 'annex2.csv', 'annex3.csv', 'annex4.csv'])
      await copyFile(join(en, f), join(copy, f));
    const sales = await readFile(join(copy, 'annex2.csv'), 'utf8');
    const annex = await run('data', 'features', '--data', copy, '--out', join(copy, 'annex2.csv'));
    expect(annex.code).toBe(2);
    expect(annex.err).toContain('is the input file');
    expect(await readFile(join(copy, 'annex2.csv'), 'utf8')).toBe(sales);
  });

  it('writes through a symbolic link to the file it points to, keeping the link', async () => {
    const dir = join(root, 'linked');
    await mkdir(join(dir, 'real'), { recursive: true });
    const target = join(dir, 'real', 'panel.csv');
    await writeFile(target, 'old\n');
    const link = join(dir, 'panel.csv');
    await symlink(join('real', 'panel.csv'), link);
    const r = await run('data', 'panel', '--data', en, '--out', link);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toMatch(/^unique_id,ds,y,/);
    expect(await readdir(join(dir, 'real'))).toEqual(['panel.csv']);
  });

  it('refuses a folder as --out before reading the data', async () => {
    const r = await run('data', 'panel', '--data', en, '--out', root);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--out ${root} is a folder`);
    expect(r.err).not.toContain('reading');
  });

  it('refuses data with errors, quoting the first errors, and writes nothing', async () => {
    const broken = join(root, 'broken');
    await mkdir(broken);
    for (const f of ['annex1.csv', 'annex3.csv']) await copyFile(join(en, f), join(broken, f));
    const file = join(root, 'refused.csv');
    const r = await run('data', 'panel', '--data', broken, '--out', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /freshcast data panel: the data has 1 error\(s\), run `freshcast data validate` for the report: annex2\.csv: missing-file no annex2 file was found \[1\]/,
    );
    expect(r.out).toBe('');
    expect(await readdir(root)).not.toContain('refused.csv');
  });

  it.each([
    [['--data', 'x'], /--out is required/],
    [['--out', '-'], /--data DIR \(annex files\) or --series FILE/],
    [
      ['--data', 'x', '--out', '-', '--target', 'revenue'],
      /--target must be one of quantity, price, wholesale/,
    ],
  ])('exits 2 on bad options %j', async (args, message) => {
    const r = await run('data', 'panel', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
