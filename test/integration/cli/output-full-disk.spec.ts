import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The real entry in a child process whose files may not grow (`ulimit -f 0`, SIGXFSZ ignored): every
// write to a regular file fails with EFBIG, as on a full disk. An output written in place was left
// truncated (here: emptied) by the failed write; written beside it and renamed, it keeps its content.
const REGISTER = resolve('test/fixtures/jobs/register-ts.mjs');
const ENTRY = resolve('src/cli.ts');

function cliOnFullDisk(env: Record<string, string>, ...argv: string[]) {
  const r = spawnSync(
    'bash',
    [
      '-c',
      `trap '' XFSZ; ulimit -f 0; exec "$0" "$@"`,
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

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fc-cli-full-disk-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('monitor drift --html', () => {
    const html = join(root, 'drift.html');
    writeFileSync(html, 'the previous report\n');
    const r = cliOnFullDisk(
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
});
