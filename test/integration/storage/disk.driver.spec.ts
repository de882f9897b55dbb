import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskArtifactStore } from '../../../src/storage/disk.driver.js';
import { prefixedBlobs } from '../../../src/storage/prefixed-blobs.js';

/** The error `fn` throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('DiskArtifactStore specifics', () => {
  let root: string;
  let store: DiskArtifactStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'freshcast-disk-'));
    store = new DiskArtifactStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lays keys out as files under the root and removes folders left empty by deletes', async () => {
    await store.put('registry/quantity/versions/v1/manifest.json', new Uint8Array([1]));
    expect((await stat(join(root, 'registry/quantity/versions/v1/manifest.json'))).isFile()).toBe(
      true,
    );
    await store.delete('registry/quantity/versions/v1/manifest.json');
    expect(await readdir(root)).toEqual(['.tmp']);
  });

  it('treats a folder as no key: get, getStream and exists report it missing, delete leaves it', async () => {
    await store.put('dir/file.bin', new Uint8Array([1]));
    await expect(store.get('dir')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.getStream('dir')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.exists('dir')).toBe(false);
    await store.delete('dir');
    expect(await store.list('dir/')).toEqual(['dir/file.bin']);
  });

  it('does not list temp files of writes in progress', async () => {
    await store.put('a.bin', new Uint8Array([1]));
    await writeFile(join(root, '.tmp', 'stray.partial'), 'x');
    expect(await store.list('')).toEqual(['a.bin']);
  });

  it('sweeps temp files older than the given age only', async () => {
    await store.put('a.bin', new Uint8Array([1]));
    const old = join(root, '.tmp', 'old.partial');
    const fresh = join(root, '.tmp', 'fresh.partial');
    await writeFile(old, 'x');
    await writeFile(fresh, 'y');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    expect(await store.sweepTempFiles(3600_000)).toBe(1);
    expect(await readdir(join(root, '.tmp'))).toEqual(['fresh.partial']);
    expect(await new DiskArtifactStore(join(root, 'never-written')).sweepTempFiles(0)).toBe(0);
  });

  it('keeps a put that races the delete of the last key in its folder (which prunes the folder)', async () => {
    for (let round = 0; round < 25; round++) {
      await store.put('race/r/x.bin', new Uint8Array([1]));
      await Promise.all([
        store.delete('race/r/x.bin'),
        store.put('race/r/y.bin', new Uint8Array([round])),
      ]);
      expect(await store.list('race/')).toEqual(['race/r/y.bin']);
      expect(Array.from(await store.get('race/r/y.bin'))).toEqual([round]);
      await store.delete('race/r/y.bin');
    }
    expect(await store.list('race/')).toEqual([]);
  });

  it('writes and reads through a prefixed BlobSink/BlobSource view', async () => {
    const blobs = prefixedBlobs(store, 'registry/quantity/versions/v1/artifacts/');
    expect(blobs.prefix).toBe('registry/quantity/versions/v1/artifacts/');
    await blobs.put('model.json', new Uint8Array([7]));
    await blobs.put('weights/w.bin', new Uint8Array([8]));
    await blobs.put('model.json', new Uint8Array([9]));
    expect(blobs.written).toEqual(['model.json', 'weights/w.bin']);
    expect(Array.from(await blobs.get('model.json'))).toEqual([9]);
    expect(await store.list('registry/')).toEqual([
      'registry/quantity/versions/v1/artifacts/model.json',
      'registry/quantity/versions/v1/artifacts/weights/w.bin',
    ]);
    await expect(blobs.put('../escape.json', new Uint8Array([1]))).rejects.toMatchObject({
      code: 'INVALID_KEY',
    });
    expect(thrown(() => prefixedBlobs(store, '../x'))).toMatchObject({ code: 'INVALID_KEY' });
  });
});
