import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeWeeklySeriesFile } from '../../helpers/weekly-series-file.js';

// The real entry (src/cli.ts) in a child process, killed after 60 s: an output path under /proc made
// Node's recursive mkdir spin forever (procfs answers ENOENT for the child of a folder that exists),
// so a regression is a killed child and a failed test, not a hung run.
const REGISTER = resolve('test/fixtures/jobs/register-ts.mjs');
const ENTRY = resolve('src/cli.ts');

function cli(...argv: string[]) {
  const r = spawnSync(process.execPath, ['--import', REGISTER, ENTRY, ...argv], {
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  return { code: r.status, signal: r.signal, err: r.stderr };
}

/** The last line of stderr (progress comes first), and how many lines it has. */
function ending(err: string): { last: string; lines: number } {
  const lines = err.trimEnd().split('\n');
  return { last: lines[lines.length - 1], lines: lines.length };
}

describe('an output folder that cannot be made under /proc fails fast (exit 1, one line)', () => {
  let root: string;
  let series: string;
  const missing = `/proc/freshcast-${process.pid}`;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fc-cli-procfs-'));
    series = join(root, 'series.csv');
    writeWeeklySeriesFile(series);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('data generate --out', () => {
    const r = cli('data', 'generate', '--out', `${missing}/shop`, '--items', '5', '--days', '60');
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    expect(ending(r.err)).toEqual({
      last: `freshcast data generate: ENOENT: no such file or directory, mkdir '${missing}'`,
      lines: 2, // "generating into …", then the error
    });
  }, 90_000);

  it('data panel --out and data features --out', () => {
    for (const command of ['panel', 'features']) {
      const out = `${missing}/${command}.csv`;
      const r = cli('data', command, '--series', series, '--out', out);
      expect({ command, code: r.code, signal: r.signal, last: ending(r.err).last }).toEqual({
        command,
        code: 1,
        signal: null,
        last: `freshcast data ${command}: cannot write ${out}: ENOENT: no such file or directory, mkdir '${missing}'`,
      });
    }
  }, 120_000);

  it('train --out', () => {
    const r = cli(
      ...['train', '--series', series, '--model', 'seasonal-naive', '--windows', '0'],
      ...['--out', `${missing}/model`],
    );
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    expect(ending(r.err).last).toMatch(
      new RegExp(`^freshcast train: .*ENOENT: no such file or directory, mkdir '${missing}`),
    );
  }, 90_000);
});
