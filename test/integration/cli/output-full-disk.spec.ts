import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeWeeklySeriesFile } from '../../helpers/weekly-series-file.js';

// The real entry in a child process whose files may not grow past a size (`ulimit -f`, SIGXFSZ
// ignored): a write past it fails with EFBIG, as on a full disk. An output written in place was left
// truncated by the failed write; written beside it and renamed, the previous one keeps its content.
const REGISTER = resolve('test/fixtures/jobs/register-ts.mjs');
const ENTRY = resolve('src/cli.ts');

/** The CLI with files limited to `kib` KiB (0: no file may grow at all). */
function cliOnFullDisk(kib: number | 'unlimited', env: Record<string, string>, ...argv: string[]) {
  const r = spawnSync(
    'bash',
    [
      '-c',
      `trap '' XFSZ; ulimit -f ${kib}; exec "$0" "$@"`,
      process.execPath,
      '--import',
      REGISTER,
      ENTRY,
      ...argv,
    ],
    { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', env: { ...process.env, ...env } },
  );
  return { code: r.status, signal: r.signal, err: r.stderr };
}

describe('an output file that cannot be written is left as it was (exit 1, one line)', () => {
  let root: string;
  let series: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fc-cli-full-disk-'));
    series = join(root, 'series.csv');
    writeWeeklySeriesFile(series);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('monitor drift --html', () => {
    const html = join(root, 'drift.html');
    writeFileSync(html, 'the previous report\n');
    const r = cliOnFullDisk(
      0,
      { FRESHCAST_STORAGE__DISK__ROOT: join(root, 'store') },
      'monitor',
      'drift',
      '--html',
      html,
    );
    expect({ code: r.code, signal: r.signal, err: r.err }).toEqual({
      code: 1,
      signal: null,
      err: `freshcast monitor drift: cannot write ${html}: EFBIG: file too large, write\n`,
    });
    expect(readFileSync(html, 'utf8')).toBe('the previous report\n');
    expect(readdirSync(root).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 90_000);

  // 1 KiB: the model's forecaster.json fits, its manifest.json does not. Written in place, the
  // folder was left with both, the manifest cut at 1 KiB: a model folder that was not one.
  it('train --out: no folder is made, and a model already there stays whole', () => {
    const train = (out: string, kib?: number) => {
      const argv = ['train', '--series', series, '--model', 'seasonal-naive', '--windows', '0'];
      return cliOnFullDisk(kib ?? 'unlimited', {}, ...argv, '--out', out);
    };
    const fresh = join(root, 'fresh-model');
    const failed = train(fresh, 1);
    expect({ code: failed.code, signal: failed.signal }).toEqual({ code: 1, signal: null });
    expect(failed.err.trimEnd().split('\n').at(-1)).toBe(
      'freshcast train: EFBIG: file too large, write',
    );
    expect(readdirSync(root).filter((f) => f.includes('fresh-model'))).toEqual([]);

    const kept = join(root, 'kept-model');
    expect(train(kept).code).toBe(0);
    const before = Object.fromEntries(
      readdirSync(kept).map((f) => [f, readFileSync(join(kept, f), 'utf8')]),
    );
    expect(Object.keys(before).sort()).toEqual(['forecaster.json', 'manifest.json']);
    expect(train(kept, 1).code).toBe(1);
    const after = Object.fromEntries(
      readdirSync(kept).map((f) => [f, readFileSync(join(kept, f), 'utf8')]),
    );
    expect(after).toEqual(before);
    expect(readdirSync(root).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 180_000);
});
