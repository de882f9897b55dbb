import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { DATA_COMMANDS } from '../../../src/cli/commands/data.commands.js';
import type { ValidationReportDto } from '../../../src/data/dto/validation-report.dto.js';

let root: string;
let en: string;
let cn: string;

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, DATA_COMMANDS, io);
  return { code, out: io.stdout, err: io.stderr };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'freshcast-cli-validate-'));
  en = join(root, 'en');
  cn = join(root, 'cn');
  const size = ['--items', '20', '--days', '120', '--seed', '11'];
  expect((await run('data', 'generate', '--out', en, ...size)).code).toBe(0);
  expect((await run('data', 'generate', '--out', cn, ...size, '--lang', 'cn')).code).toBe(0);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A copy of the English data whose sales file has a row with a bad date and a bad number. */
async function brokenCopy(): Promise<string> {
  const dir = join(root, 'broken');
  await mkdir(dir, { recursive: true });
  for (const f of ['annex1.csv', 'annex3.csv', 'annex4.csv'])
    await copyFile(join(en, f), join(dir, f));
  await writeFile(
    join(dir, 'annex2.csv'),
    'Date,Time,Item Code,Quantity Sold (kilo),Unit Selling Price (RMB/kg),Sale or Return,Discount (Yes/No)\r\n' +
      '2024-13-45,09:00:00,1,abc,3.2,Sale,No\r\n',
  );
  return dir;
}

describe('freshcast data validate', () => {
  it.each([['en'], ['cn']])('exits 0 on generated %s data with a text report', async (lang) => {
    const r = await run('data', 'validate', '--data', lang === 'en' ? en : cn);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Data validation: OK/);
    expect(r.out).toContain('120 days');
    expect(r.err).toContain('validate: done');
  });

  it('prints only the JSON report on stdout with --json', async () => {
    const r = await run('data', 'validate', '--data', en, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as ValidationReportDto;
    expect(report.schema_version).toBe(1);
    expect(report.files[0]).toHaveProperty('rows_kept');
    expect(report.summary.ok).toBe(true);
    expect(report.summary.items).toBe(20);
    expect(report.files.map((f) => f.kind)).toEqual(['annex1', 'annex2', 'annex3', 'annex4']);
    expect(r.err).toContain('reading');
  });

  it('exits 1 on a folder with a broken file, text and JSON alike', async () => {
    const dir = await brokenCopy();
    const text = await run('data', 'validate', '--data', dir);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/^Data validation: NOT OK/);
    expect(text.out).toContain('bad-date');
    const json = await run('data', 'validate', '--data', dir, '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as ValidationReportDto;
    expect(report.summary.has_errors).toBe(true);
    const sales = report.files.find((f) => f.kind === 'annex2');
    expect(sales?.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['bad-date']));
  });

  it('validates a long-format file given with --series', async () => {
    const file = join(root, 'series.csv');
    const rows = ['unique_id,ds,y'];
    for (let d = 1; d <= 9; d++) rows.push(`a,2024-01-0${d},${d}`, `a,2024-01-0${d},${d + 1}`);
    await writeFile(file, rows.join('\n') + '\n');
    const r = await run('data', 'validate', '--series', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('conflicting-key');
  });

  it('exits 1 with one clear line for a missing folder and a folder without data', async () => {
    const missing = await run('data', 'validate', '--data', join(root, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`freshcast data validate: not found: ${join(root, 'nope')}\n`);
    expect(missing.out).toBe('');
    const empty = join(root, 'empty');
    await mkdir(empty);
    const none = await run('data', 'validate', '--data', empty, '--json');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^freshcast data validate: no data files in .*empty/);
    expect(none.err.trim().split('\n')).toHaveLength(1);
    expect(none.out).toBe('');
  });

  it.each([
    [[], /--data DIR \(annex files\) or --series FILE/],
    [['--data', 'a', '--series', 'b'], /not both/],
    [['--data', ' '], /--data needs a value/],
    [['--data'], /argument missing/],
    [['--data', 'a', '--verbose'], /Unknown option '--verbose'/],
  ])('exits 2 on bad options %j', async (args, message) => {
    const r = await run('data', 'validate', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});
