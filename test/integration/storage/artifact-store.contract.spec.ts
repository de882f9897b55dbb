import { createHash, randomFillSync } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ArtifactStore } from '../../../src/storage/artifact-store.js';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import { S3ArtifactStore } from '../../../src/storage/s3.driver.js';
import { StorageError } from '../../../src/storage/storage.errors.js';
import { readAllBytes } from '../../../src/storage/stream-bytes.js';
import { startS3rver, type RunningS3rver } from '../../helpers/s3rver.js';

const MIB = 1024 * 1024;
/** Larger than two S3 parts (5 MiB each), so the multipart path runs with a short last part. */
const LARGE_SIZE = 11 * MIB + 12345;

/** Random bytes: a reordered, dropped or duplicated chunk changes them. */
const randomBuffer = (size: number): Buffer => randomFillSync(Buffer.alloc(size));

function chunked(bytes: Buffer, chunkSize: number): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    })(),
  );
}

/** A stream that yields `before` bytes, then fails. */
function failingStream(before: Buffer): Readable {
  return Readable.from(
    (async function* () {
      for (let i = 0; i < before.length; i += 256 * 1024) {
        yield before.subarray(i, i + 256 * 1024);
        await Promise.resolve();
      }
      throw new Error('source went away');
    })(),
  );
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

interface DriverHarness {
  store: ArtifactStore;
  /** Files the backend keeps for unfinished writes (disk temp files; s3rver upload parts are out of reach). */
  leftovers(): Promise<string[]>;
  close(): Promise<void>;
}

const drivers: [string, () => Promise<DriverHarness>][] = [
  [
    'disk',
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'freshcast-disk-'));
      const store = new DiskArtifactStore(root);
      return {
        store,
        leftovers: async () => (await readdir(join(root, '.tmp')).catch(() => [])).map(String),
        close: () => rm(root, { recursive: true, force: true }),
      };
    },
  ],
  [
    's3',
    async () => {
      const server: RunningS3rver = await startS3rver();
      const store = new S3ArtifactStore({
        bucket: server.bucket,
        prefix: 'run-1',
        region: 'us-east-1',
        endpoint: server.endpoint,
        forcePathStyle: true,
        credentials: server.credentials,
        partSizeBytes: 5 * MIB,
      });
      return {
        store,
        leftovers: () => Promise.resolve([]),
        close: async () => {
          store.destroy();
          await server.stop();
        },
      };
    },
  ],
];

describe.each(drivers)('ArtifactStore contract: %s driver', (_name, makeHarness) => {
  let h: DriverHarness;
  let store: ArtifactStore;

  beforeAll(async () => {
    h = await makeHarness();
    store = h.store;
  });
  afterAll(async () => {
    await h.close();
  });

  it('puts and gets bytes back unchanged, and overwrites in place', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 10, 13]);
    await store.put('basic/a.bin', bytes);
    expect(Buffer.from(await store.get('basic/a.bin')).equals(Buffer.from(bytes))).toBe(true);
    await store.put('basic/a.bin', new Uint8Array([9]));
    expect(Array.from(await store.get('basic/a.bin'))).toEqual([9]);
    await store.put('basic/empty', new Uint8Array(0));
    expect((await store.get('basic/empty')).length).toBe(0);
  });

  it('streams a large object in and out byte for byte', async () => {
    const bytes = randomBuffer(LARGE_SIZE);
    await store.putStream('large/blob.bin', chunked(bytes, 64 * 1024 + 3));
    const whole = await store.get('large/blob.bin');
    expect(whole.length).toBe(LARGE_SIZE);
    expect(sha(whole)).toBe(sha(bytes));
    const streamed = await readAllBytes(await store.getStream('large/blob.bin'));
    expect(streamed.equals(bytes)).toBe(true);
  });

  it('streams a small object (shorter than one part) in', async () => {
    const bytes = randomBuffer(1000);
    await store.putStream('small/x.bin', chunked(bytes, 100));
    expect(Buffer.from(await store.get('small/x.bin')).equals(bytes)).toBe(true);
  });

  it('reports a missing key as StorageError NOT_FOUND on get and getStream, false on exists', async () => {
    await expect(store.get('missing/nothing.json')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.getStream('missing/nothing.json')).rejects.toBeInstanceOf(StorageError);
    await expect(store.getStream('missing/nothing.json')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await store.exists('missing/nothing.json')).toBe(false);
    await store.put('missing/present.json', new Uint8Array([1]));
    expect(await store.exists('missing/present.json')).toBe(true);
    expect(await store.exists('missing')).toBe(false);
  });

  it('lists keys under a prefix, sorted, at folder and partial-name boundaries', async () => {
    for (const key of ['ls/b/2.json', 'ls/a/1.json', 'ls/a/0.json', 'ls/ab.json', 'lsx/other.json'])
      await store.put(key, new Uint8Array([1]));
    expect(await store.list('ls/')).toEqual([
      'ls/a/0.json',
      'ls/a/1.json',
      'ls/ab.json',
      'ls/b/2.json',
    ]);
    expect(await store.list('ls/a/')).toEqual(['ls/a/0.json', 'ls/a/1.json']);
    expect(await store.list('ls/a')).toEqual(['ls/a/0.json', 'ls/a/1.json', 'ls/ab.json']);
    expect(await store.list('ls')).toEqual([
      'ls/a/0.json',
      'ls/a/1.json',
      'ls/ab.json',
      'ls/b/2.json',
      'lsx/other.json',
    ]);
    expect(await store.list('nope/')).toEqual([]);
    expect(await store.list('')).toEqual(expect.arrayContaining(['ls/a/0.json', 'lsx/other.json']));
  });

  it('deletes keys; deleting a missing key is not an error', async () => {
    await store.put('del/one.bin', new Uint8Array([1]));
    await store.put('del/two.bin', new Uint8Array([2]));
    await store.delete('del/one.bin');
    expect(await store.exists('del/one.bin')).toBe(false);
    expect(await store.list('del/')).toEqual(['del/two.bin']);
    await store.delete('del/one.bin');
    await store.delete('del/two.bin');
    expect(await store.list('del/')).toEqual([]);
    await store.put('del/two.bin', new Uint8Array([3]));
    expect(Array.from(await store.get('del/two.bin'))).toEqual([3]);
  });

  it.each([
    '../escape.bin',
    '/abs.bin',
    'a/../b',
    'a\\b',
    'a/./b',
    'a//b',
    'nul\u0000byte',
    '',
    '.tmp/x',
  ])('refuses the key %j', async (key) => {
    await expect(store.put(key, new Uint8Array([1]))).rejects.toMatchObject({
      code: 'INVALID_KEY',
    });
    await expect(store.get(key)).rejects.toMatchObject({ code: 'INVALID_KEY' });
  });

  it('leaves no visible key when a streamed write fails midway (large and small)', async () => {
    const big = Buffer.alloc(6 * MIB, 1);
    await expect(store.putStream('broken/large.bin', failingStream(big))).rejects.toMatchObject({
      code: 'WRITE_FAILED',
    });
    await expect(
      store.putStream('broken/small.bin', failingStream(big.subarray(0, 1000))),
    ).rejects.toMatchObject({
      code: 'WRITE_FAILED',
    });
    expect(await store.exists('broken/large.bin')).toBe(false);
    expect(await store.exists('broken/small.bin')).toBe(false);
    expect(await store.list('broken/')).toEqual([]);
    await expect(store.get('broken/large.bin')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.leftovers()).toEqual([]);
  });

  it('keeps the previous bytes when an overwrite fails midway', async () => {
    await store.put('keep/model.bin', new Uint8Array([4, 5, 6]));
    await expect(
      store.putStream('keep/model.bin', failingStream(Buffer.alloc(6 * MIB, 2))),
    ).rejects.toThrow(/source went away/);
    expect(Array.from(await store.get('keep/model.bin'))).toEqual([4, 5, 6]);
  });
});
