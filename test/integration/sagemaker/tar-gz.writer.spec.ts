import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  tarGzStream,
  ustarHeader,
  type TarEntry,
} from '../../../src/sagemaker/deploy/tar-gz.writer.js';
import { readAllBytes } from '../../../src/storage/stream-bytes.js';

const entry = (name: string, bytes: Buffer, size = bytes.length): TarEntry => ({
  name,
  size,
  mtime: 1_765_000_000,
  open: () => Readable.from([bytes.subarray(0, 3), bytes.subarray(3)]),
});

describe('tar.gz writer', () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'fc-tar-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes archives the system tar lists and unpacks byte for byte (empty, block-sized and long-path files)', async () => {
    const longPath = `${'nested-folder/'.repeat(9)}weights-of-a-model-with-a-long-name.bin`;
    const files: [string, Buffer][] = [
      ['forecaster.json', Buffer.from('{"kind":"ets"}')],
      ['empty.bin', Buffer.alloc(0)],
      ['block.bin', Buffer.alloc(512, 7)],
      [longPath, Buffer.from(Array.from({ length: 1300 }, (_, i) => i % 251))],
    ];
    expect(longPath.length).toBeGreaterThan(100);
    const file = join(root, 'a.tar.gz');
    writeFileSync(file, await readAllBytes(tarGzStream(files.map(([n, b]) => entry(n, b)))));
    const listing = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(files.map(([n]) => n));
    const out = join(root, 'out');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', file, '-C', out]);
    for (const [n, b] of files) expect(readFileSync(join(out, n))).toEqual(b);
  });

  it('writes a header whose checksum tar accepts and fails when a file changes while archived', async () => {
    const header = ustarHeader({ name: 'x', size: 10, mtime: 0 });
    expect(header.length).toBe(512);
    expect(header.toString('latin1', 257, 262)).toBe('ustar');
    await expect(readAllBytes(tarGzStream([entry('x', Buffer.from('short'), 10)]))).rejects.toThrow(
      /x changed while it was archived \(5 bytes read, 10 expected\)/,
    );
  });
});
