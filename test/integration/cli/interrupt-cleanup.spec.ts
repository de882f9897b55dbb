import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const REGISTER = resolve('test/fixtures/jobs/register-ts.mjs');
const MODULE = pathToFileURL(resolve('src/cli/interrupt-cleanup.ts')).href;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  err: string;
}

/** Runs `body` (ES module code with `removeOnInterrupt` in scope) in a child process. */
function runChild(body: string): Promise<Exit> {
  const script = `import { removeOnInterrupt } from ${JSON.stringify(MODULE)};\n${body}`;
  const child = spawn(
    process.execPath,
    ['--import', REGISTER, '--input-type=module', '-e', script],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, err })));
}

describe('removeOnInterrupt (Ctrl-C cleanup of half-written outputs)', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'freshcast-interrupt-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('removes what is registered and still dies of the signal (exit status 128 + SIGINT)', async () => {
    const folder = join(root, '.shop-tmp');
    mkdirSync(folder);
    writeFileSync(join(folder, 'annex1.csv'), 'partial\n');
    const exit = await runChild(
      `removeOnInterrupt(${JSON.stringify(folder)});
       setTimeout(() => process.exit(7), 20_000);
       process.kill(process.pid, 'SIGINT');`,
    );
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(existsSync(folder)).toBe(false);
  }, 30_000);

  it('a path that cannot be removed is reported, the others are removed, and the signal still ends the process', async () => {
    const folder = join(root, 'out.csv.partial');
    writeFileSync(folder, 'partial\n');
    const exit = await runChild(
      `removeOnInterrupt('bad\\u0000path');
       removeOnInterrupt(${JSON.stringify(folder)});
       setTimeout(() => process.exit(7), 20_000);
       process.kill(process.pid, 'SIGTERM');`,
    );
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(existsSync(folder)).toBe(false);
    const prefix = 'freshcast: could not remove bad\u0000path after an interrupt: ';
    expect(exit.err.slice(0, prefix.length)).toBe(prefix);
    expect(exit.err.split('\n')).toHaveLength(2); // one line, no stack
  }, 30_000);

  it('once released, a path is left alone and the signal keeps its default action', async () => {
    const kept = join(root, 'done.csv');
    writeFileSync(kept, 'complete\n');
    const exit = await runChild(
      `const release = removeOnInterrupt(${JSON.stringify(kept)});
       release();
       setTimeout(() => process.exit(7), 20_000);
       process.kill(process.pid, 'SIGINT');`,
    );
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(existsSync(kept)).toBe(true);
  }, 30_000);
});
