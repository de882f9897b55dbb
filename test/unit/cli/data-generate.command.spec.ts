import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { DATA_COMMANDS } from '../../../src/cli/commands/data.commands.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'freshcast-cli-generate-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, DATA_COMMANDS, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('freshcast data generate', () => {
  it('writes the four English files with the asked size and prints a summary', async () => {
    const out = join(root, 'en');
    const r = await run(
      'data',
      'generate',
      '--out',
      out,
      '--items',
      '12',
      '--days',
      '30',
      '--start',
      '2024-01-01',
      '--seed',
      '5',
    );
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'annex1.csv',
      'annex2.csv',
      'annex3.csv',
      'annex4.csv',
    ]);
    const items = (await readFile(join(out, 'annex1.csv'), 'utf8')).trim().split('\r\n');
    expect(items[0]).toBe('Item Code,Item Name,Category Code,Category Name');
    expect(items).toHaveLength(13);
    expect(r.out).toContain('12 items × 30 days, 2024-01-01 … 2024-01-30');
    expect(r.err).toContain('generating into');
  });

  it('writes Chinese headers with --lang cn, same seed giving the same sales figures', async () => {
    const args = ['--items', '8', '--days', '20', '--seed', '9'];
    expect((await run('data', 'generate', '--out', join(root, 'a'), ...args)).code).toBe(0);
    expect(
      (await run('data', 'generate', '--out', join(root, 'b'), ...args, '--lang', 'cn')).code,
    ).toBe(0);
    const header = (await readFile(join(root, 'b', 'annex1.csv'), 'utf8')).split('\r\n')[0];
    expect(header).toBe('单品编码,单品名称,分类编码,分类名称');
    const quantities = async (dir: string) =>
      (await readFile(join(root, dir, 'annex2.csv'), 'utf8'))
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[3]);
    expect(await quantities('b')).toEqual(await quantities('a'));
  });

  it('refuses a folder that already holds data, leaving its files as they were', async () => {
    const out = join(root, 'taken');
    expect((await run('data', 'generate', '--out', out, '--items', '3', '--days', '14')).code).toBe(
      0,
    );
    const before = await readFile(join(out, 'annex2.csv'), 'utf8');
    const again = await run('data', 'generate', '--out', out, '--items', '5', '--days', '20');
    expect(again.code).toBe(2);
    expect(again.err).toContain(`--out ${out} already holds data files (annex1.csv, annex2.csv`);
    expect(again.out).toBe('');
    expect(await readFile(join(out, 'annex2.csv'), 'utf8')).toBe(before);
  });

  it('writes into a new nested folder and leaves no temporary folder next to it', async () => {
    const parent = join(root, 'nested');
    const r = await run('data', 'generate', '--out', join(parent, 'shop'), '--days', '14');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${join(parent, 'shop')} (en, seed`);
    expect(await readdir(parent)).toEqual(['shop']);
    expect((await readdir(join(parent, 'shop'))).sort()).toEqual([
      'annex1.csv',
      'annex2.csv',
      'annex3.csv',
      'annex4.csv',
    ]);
  });

  it('takes a negative --seed written either way, and they draw the same data', async () => {
    const spaced = join(root, 'seed-spaced');
    const joined = join(root, 'seed-joined');
    const args = ['--items', '4', '--days', '20', '--start', '2024-01-01'];
    const a = await run('data', 'generate', '--out', spaced, ...args, '--seed', '-5');
    const b = await run('data', 'generate', '--out', joined, ...args, '--seed=-5');
    expect([a.code, b.code]).toEqual([0, 0]);
    for (const file of await readdir(spaced))
      expect(await readFile(join(spaced, file), 'utf8')).toBe(
        await readFile(join(joined, file), 'utf8'),
      );
    const other = join(root, 'seed-five');
    await run('data', 'generate', '--out', other, ...args, '--seed', '5');
    expect(await readFile(join(other, 'annex2.csv'), 'utf8')).not.toBe(
      await readFile(join(spaced, 'annex2.csv'), 'utf8'),
    );
  });

  it('keeps a usage error on one line when what was typed holds a newline', async () => {
    // The value was quoted as typed: `(got "1` on one line, `2")` on the next.
    const value = await run('data', 'generate', '--out', 'x', '--items', '1\n2');
    expect(value.code).toBe(2);
    expect(value.err.split('\n')).toEqual([
      'freshcast data generate: --items must be an integer (got "1\\n2")',
      expect.stringMatching(/^usage: freshcast data generate /),
      '',
    ]);
    const option = await run('data', 'generate', '--out\tx\r');
    expect(option.code).toBe(2);
    expect(option.err.split('\n')).toHaveLength(3);
    expect(option.err).toContain("Unknown option '--out\\tx\\r'");
    const command = await run('data\ngenerate', '\u0007');
    expect(command.code).toBe(2);
    expect(command.err.split('\n')[0]).toBe('freshcast: unknown command "data\\ngenerate \\u0007"');
  });

  it.each([
    [['--items', '5'], /--out is required/],
    [['--out', 'x', '--days', 'abc'], /--days must be an integer/],
    [['--out', 'x', '--days', '5'], /--days must be between 14 and 20000/],
    [['--out', 'x', '--lang', 'fr'], /--lang must be one of en, cn/],
    [['--out', 'x', '--start', '2024-02-30'], /--start must be a date/],
    [['--out', 'x', '--seed', '1.5'], /--seed must be an integer/],
    // A negative number is the option's value (not a missing one): its reader says what it takes.
    [['--out', 'x', '--items', '-5'], /--items must be between 1 and \d+ \(got -5\)/],
    [['--out', 'x', '--days', '-1'], /--days must be between 14 and 20000 \(got -1\)/],
    [['--out', 'x', '--colour', 'red'], /Unknown option '--colour'/],
    // Was a mkdir error after "generating into /dev/null …" (exit 1).
    [['--out', '/dev/null', '--items', '1'], /--out \/dev\/null is not a folder: give a folder/],
  ])('exits 2 on bad options %j', async (args, message) => {
    const r = await run('data', 'generate', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('usage: freshcast data generate');
    expect(r.out).toBe('');
  });
});
