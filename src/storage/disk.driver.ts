import { randomUUID } from 'node:crypto';
import {
  open,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  type FileHandle,
} from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { ArtifactStore } from './artifact-store.js';
import { validateKey, validatePrefix } from './storage-key.js';
import { describeCause, StorageError } from './storage.errors.js';
import { byteChunks } from './stream-bytes.js';
import { makeDirs } from '../common/make-dirs.js';
import { errnoCode } from '../common/errors/error-message.js';

/** Hidden folder under the root for writes in progress (keys never start with a dot). */
export const TEMP_DIR = '.tmp';
const RENAME_ATTEMPTS = 5;

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * Artifacts as files under a root folder (default `models/`). A write goes to a temp file under
 * `<root>/.tmp`, is fsynced, then renamed into place, so a reader sees the old bytes or the new ones,
 * never a partial file; a failed write removes its temp file. On disk a key cannot also be a folder of
 * other keys (`a` and `a/b` cannot both exist).
 */
export class DiskArtifactStore implements ArtifactStore {
  readonly driver = 'disk' as const;
  readonly root: string;
  private readonly tempDir: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.tempDir = join(this.root, TEMP_DIR);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.atomicWrite(key, async (handle) => {
      await handle.writeFile(bytes);
    });
  }

  async putStream(key: string, body: Readable): Promise<void> {
    await this.atomicWrite(key, async (handle) => {
      for await (const bytes of byteChunks(body)) await handle.write(bytes);
    });
  }

  async get(key: string): Promise<Uint8Array> {
    const file = this.pathOf(key);
    try {
      return await readFile(file);
    } catch (err) {
      throw this.readError(key, err);
    }
  }

  async getStream(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch (err) {
      throw this.readError(key, err);
    }
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      throw new StorageError('NOT_FOUND', key, `no artifact under ${key}`);
    }
    return handle.createReadStream();
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (err) {
      if (MISSING.has(errnoCode(err) ?? '')) return false;
      throw new StorageError('IO', key, `checking ${key} failed: ${describeCause(err)}`, {
        cause: err,
      });
    }
  }

  async list(prefix: string): Promise<string[]> {
    validatePrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const baseKey = slash >= 0 ? prefix.slice(0, slash) : '';
    const keys: string[] = [];
    await this.walk(baseKey, prefix, keys);
    return keys.sort();
  }

  /** Deleting a missing key does nothing. Folders left empty are removed up to the root. */
  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    try {
      if (!(await stat(file)).isFile()) return;
      await rm(file, { force: true });
    } catch (err) {
      if (MISSING.has(errnoCode(err) ?? '')) return;
      throw new StorageError('IO', key, `deleting ${key} failed: ${describeCause(err)}`, {
        cause: err,
      });
    }
    await this.pruneEmptyFolders(dirname(file));
  }

  /** Removes temp files older than `maxAgeMs` left by writes that died with their process. */
  async sweepTempFiles(maxAgeMs: number, now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tempDir);
    } catch (err) {
      if (MISSING.has(errnoCode(err) ?? '')) return 0;
      throw err;
    }
    let removed = 0;
    for (const name of names) {
      const file = join(this.tempDir, name);
      const info = await stat(file).catch(() => undefined);
      if (info && now - info.mtimeMs > maxAgeMs) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    return join(this.root, ...validateKey(key).split('/'));
  }

  private readError(key: string, err: unknown): StorageError {
    if (MISSING.has(errnoCode(err) ?? ''))
      return new StorageError('NOT_FOUND', key, `no artifact under ${key}`);
    return new StorageError('IO', key, `reading ${key} failed: ${describeCause(err)}`, {
      cause: err,
    });
  }

  private async atomicWrite(
    key: string,
    write: (handle: FileHandle) => Promise<void>,
  ): Promise<void> {
    const target = this.pathOf(key);
    await makeDirs(this.tempDir);
    const temp = join(this.tempDir, `${randomUUID()}.partial`);
    let handle: FileHandle | undefined;
    try {
      handle = await open(temp, 'wx');
      await write(handle);
      await handle.sync();
      await handle.close();
      handle = undefined;
      await this.renameIntoPlace(temp, target);
    } catch (err) {
      await handle?.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw new StorageError('WRITE_FAILED', key, `writing ${key} failed: ${describeCause(err)}`, {
        cause: err,
      });
    }
  }

  /**
   * Renames the temp file over the target; retries when a concurrent delete pruned the folder, either
   * before the rename or while `mkdir` was re-creating it (a parent removed between two of its steps
   * fails it with ENOENT too).
   */
  private async renameIntoPlace(temp: string, target: string): Promise<void> {
    const folder = dirname(target);
    for (let attempt = 1; ; attempt++) {
      try {
        await makeDirs(folder);
        await rename(temp, target);
        break;
      } catch (err) {
        if (errnoCode(err) !== 'ENOENT' || attempt >= RENAME_ATTEMPTS) throw err;
      }
    }
    await syncFolder(folder);
  }

  private async pruneEmptyFolders(from: string): Promise<void> {
    let folder = from;
    while (folder.startsWith(this.root + '/') && folder !== this.root) {
      try {
        await rmdir(folder);
      } catch {
        return; // not empty (or already gone): stop
      }
      folder = dirname(folder);
    }
  }

  private async walk(baseKey: string, prefix: string, out: string[]): Promise<void> {
    const folder = baseKey === '' ? this.root : join(this.root, ...baseKey.split('/'));
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (err) {
      if (MISSING.has(errnoCode(err) ?? '')) return;
      throw new StorageError('IO', prefix, `listing ${prefix} failed: ${describeCause(err)}`, {
        cause: err,
      });
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const key = baseKey === '' ? entry.name : `${baseKey}/${entry.name}`;
      if (entry.isDirectory()) {
        const asFolder = `${key}/`;
        if (asFolder.startsWith(prefix) || prefix.startsWith(asFolder))
          await this.walk(key, prefix, out);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        out.push(key);
      }
    }
  }
}

/** Makes a rename durable: fsync of the folder that holds the new entry. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
