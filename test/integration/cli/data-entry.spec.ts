import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Runs the real entry (src/cli.ts) in a child process, compiled on the fly by the TypeScript
// loader the job tests use: the exit code it sets and what reaches stdout/stderr, with no stack.
const REGISTER = resolve('test/fixtures/jobs/register-ts.mjs');
const ENTRY = resolve('src/cli.ts');

function cli(...argv: string[]) {
  return cliIn(process.cwd(), ...argv);
}

function cliIn(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, ['--import', REGISTER, ENTRY, ...argv], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('freshcast entry (src/cli.ts)', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fc-cli-entry-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('exits 2 with the usage and no stack trace on an unknown option', () => {
    const r = cli('data', 'validate', '--data', 'data', '--verbose');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      "freshcast data validate: Unknown option '--verbose'\n" +
        'usage: freshcast data validate (--data DIR | --series FILE.csv) [--json]\n',
    );
  });

  it('takes a negative number as the option value, so the option names what it takes (exit 2)', () => {
    const windows = cli('backtest', '--series', 'none.csv', '--models', 'ets', '--windows', '-1');
    expect(windows.code).toBe(2);
    expect(windows.out).toBe('');
    expect(windows.err.split('\n')[0]).toBe(
      'freshcast backtest: --windows must be between 1 and 50 (got -1)',
    );
    // Network params a neural kind cannot build: refused before the (missing) data is read.
    const heads = cli(
      ...['train', '--series', 'none.csv', '--model', 'transformer', '--out', join(root, 'm')],
      ...['--params', '{"heads":3}'],
    );
    expect(heads.code).toBe(2);
    expect(heads.err.split('\n')[0]).toBe(
      "freshcast train: --params: transformer: param 'dModel' (32) must be a multiple of 'heads' (3)",
    );
  });

  it('outside the project folder, says where the configuration was looked for (exit 1, before any work)', () => {
    const elsewhere = join(root, 'elsewhere');
    const series = join(elsewhere, 'series.csv');
    mkdirSync(elsewhere);
    const lines = ['unique_id,ds,y'];
    for (let d = 0; d < 120; d++)
      lines.push(`a,${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},${d % 7}`);
    writeFileSync(series, lines.join('\n') + '\n');
    const missing = join(elsewhere, 'config', 'default.yaml');
    const message = `no configuration: ${missing} does not exist (read from config/ in the current folder); run freshcast from the folder that holds config/default.yaml\n`;

    const predict = cliIn(elsewhere, 'predict', '--model', 'prod', '--series', series);
    expect(predict.code).toBe(1);
    expect(predict.err).toBe(`freshcast predict: ${message}`);
    const train = cliIn(
      elsewhere,
      ...['train', '--series', series, '--model', 'linear', '--windows', '0', '--register'],
    );
    expect(train.code).toBe(1);
    expect(train.err).toBe(`freshcast train: ${message}`); // before loading or fitting anything
    expect(readdirSync(elsewhere)).toEqual(['series.csv']);
  });

  it('Ctrl-C during data generate leaves neither a truncated dataset nor its temporary folder', async () => {
    const parent = join(root, 'interrupted');
    mkdirSync(parent);
    const child = spawn(
      process.execPath,
      [
        ...['--import', REGISTER, ENTRY, 'data', 'generate', '--out', join(parent, 'shop')],
        ...['--items', '2000', '--days', '3000'],
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('close', (code, signal) => done({ code, signal })),
    );
    // Wait until the generator is writing (its temporary folder exists), then interrupt it.
    const deadline = Date.now() + 30_000;
    while (!readdirSync(parent).some((name) => name.startsWith('.shop-'))) {
      if (Date.now() > deadline) throw new Error('data generate did not start writing in 30 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    const { code, signal } = await exited;
    // Nothing but the start line: an error printed here is what stopped the command instead.
    expect(stderr).toBe(`generating into ${join(parent, 'shop')} …\n`);
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(readdirSync(parent)).toEqual([]);
  }, 60_000);
});
