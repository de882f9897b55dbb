import { execFileSync } from 'node:child_process';
import { closeSync, constants, lstatSync, openSync, readSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/cli.runner.js';
import { DATA_COMMANDS } from '../../../src/cli/commands/data.commands.js';

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, DATA_COMMANDS, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('an output path that is no regular file is written in place', () => {
  let root: string;
  let series: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'fc-cli-special-out-'));
    series = join(root, 'series.csv');
    await writeFile(series, 'unique_id,ds,y\na,2024-01-01,1\na,2024-01-02,2\n');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  // `--out /dev/null` as root replaced the device node with a plain file (a temporary file renamed
  // over it), and failed with EACCES on /dev otherwise; a FIFO stands in for the device here.
  it.each(['panel', 'features'])('data %s --out FIFO', async (command) => {
    const fifo = join(root, `${command}.fifo`);
    execFileSync('mkfifo', [fifo]);
    // A reader that does not block: the command's open for writing succeeds, and the few rows fit
    // in the pipe's buffer.
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    let received: string;
    try {
      const r = await run('data', command, '--series', series, '--out', fifo);
      expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: expect.any(String) });
      const buffer = Buffer.alloc(65_536);
      received = buffer.subarray(0, readSync(fd, buffer)).toString('utf8');
    } finally {
      closeSync(fd);
    }
    expect(received).toMatch(/^unique_id,ds,y,/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect((await readdir(root)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
