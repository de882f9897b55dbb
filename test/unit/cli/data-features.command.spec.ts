import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { DATA_COMMANDS } from '../../../src/cli/commands/data.commands.js';
import { loadDataset } from '../../../src/data/dataset.loader.js';
import { defaultFeatureSpec } from '../../../src/features/default-feature.spec.js';

let root: string;
let cn: string;

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, DATA_COMMANDS, io);
  return { code, out: io.stdout, err: io.stderr };
}

const lines = (text: string): string[] => text.trim().split('\n');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'freshcast-cli-features-'));
  cn = join(root, 'store', 'cn');
  const r = await run(
    'data',
    'generate',
    '--out',
    cn,
    '--items',
    '20',
    '--days',
    '120',
    '--lang',
    'cn',
  );
  expect(r.code).toBe(0);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('freshcast data features', () => {
  it('writes every series × day with the default features', async () => {
    const file = join(root, 'features.csv');
    const r = await run('data', 'features', '--data', cn, '--out', file);
    expect(r.code).toBe(0);
    const { panel } = await loadDataset({ data: cn });
    const out = lines(await readFile(file, 'utf8'));
    const header = out[0].split(',');
    expect(header.slice(0, 3)).toEqual(['unique_id', 'ds', 'y']);
    const names = defaultFeatureSpec().features.map((f) => f.name);
    expect(header.slice(3)).toEqual(names.filter((n) => header.includes(n)));
    expect(header).toEqual(expect.arrayContaining(['y_lag_7', 'y_mean_28', 'day_of_week']));
    expect(out).toHaveLength(1 + (panel?.seriesIds.length ?? 0) * 120);
    expect(r.err).toContain(`features: ${(out.length - 1).toLocaleString('en-US')} rows`);
  });

  it('keeps listed days only with --rows listed, y being the chosen target', async () => {
    const r = await run(
      'data',
      'features',
      '--data',
      cn,
      '--out',
      '-',
      '--rows',
      'listed',
      '--target',
      'wholesale',
    );
    expect(r.code).toBe(0);
    const { panel } = await loadDataset({ data: cn });
    const listed = panel?.listed.reduce((n, v) => n + v, 0) ?? 0;
    const out = lines(r.out);
    expect(out).toHaveLength(1 + listed);
    const wholesale = panel?.columns.get('wholesale');
    const days = panel?.dates.length ?? 0;
    const [id, ds, y] = out[1].split(',');
    const c = (panel?.seriesIds.indexOf(id) ?? 0) * days + (panel?.dates.indexOf(ds) ?? 0);
    if (y === '') expect(Number.isNaN(wholesale?.[c])).toBe(true);
    else expect(Number(y)).toBeCloseTo(wholesale?.[c] ?? NaN, 3);
  });

  it('refuses a folder without data', async () => {
    const store = join(root, 'store');
    const r = await run('data', 'features', '--data', store, '--out', '-');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`no data files in ${store}`);
    expect(r.err).toContain(`data files were found in ${cn}`);
    expect(r.out).toBe('');
  });

  it('exits 2 on a bad --rows', async () => {
    const r = await run('data', 'features', '--data', cn, '--out', '-', '--rows', 'some');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--rows must be one of all, listed/);
  });
});
