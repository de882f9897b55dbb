import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { isModelDir } from '../../forecasting/io/model-dir.js';
import type { ModelRegistryService } from '../../registry/model-registry.service.js';
import type { Target } from '../../data/series-panel.js';
import type { TarEntry } from './tar-gz.writer.js';

/** The files SageMaker unpacks into /opt/ml/model, and what they came from. */
export interface ModelPackage {
  /** Folder path, or registry id. */
  source: string;
  /** Registry id when the model came from the registry; else the folder name. */
  label: string;
  entries: TarEntry[];
}

async function walk(root: string, dir: string, out: TarEntry[]): Promise<void> {
  const items = await readdir(dir, { withFileTypes: true });
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const item of items) {
    if (item.name.startsWith('.')) continue; // the disk store's temp folder, editor files
    const path = join(dir, item.name);
    if (item.isDirectory()) await walk(root, path, out);
    else if (item.isFile()) {
      const info = await stat(path);
      out.push({
        name: relative(root, path).split(sep).join('/'),
        size: info.size,
        mtime: Math.floor(info.mtimeMs / 1000),
        open: () => createReadStream(path),
      });
    }
  }
}

/** Every file of a saved model folder (`freshcast train --out DIR`), sorted, dotfiles skipped. */
export async function modelDirPackage(dir: string): Promise<ModelPackage> {
  const entries: TarEntry[] = [];
  await walk(dir, dir, entries);
  return { source: dir, label: dir, entries };
}

/**
 * A registered model as a model folder: its artifacts (forecaster.json and the kind's blobs) plus
 * the registry manifest as manifest.json, the layout `freshcast serve --sagemaker` loads.
 */
export async function registryPackage(
  registry: ModelRegistryService,
  target: Target,
  ref: string,
): Promise<ModelPackage> {
  const version = await registry.resolve(target, ref);
  const { manifest, source } = await registry.openArtifacts(version.id);
  const mtime = Math.floor(Date.parse(manifest.createdAt) / 1000);
  const entries: TarEntry[] = [];
  for (const key of [...manifest.artifacts].sort()) {
    const bytes = Buffer.from(await source.get(key));
    entries.push({ name: key, size: bytes.length, mtime, open: () => Readable.from([bytes]) });
  }
  if (!manifest.artifacts.includes('manifest.json')) {
    const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    entries.push({
      name: 'manifest.json',
      size: json.length,
      mtime,
      open: () => Readable.from([json]),
    });
  }
  return { source: ref, label: version.id, entries };
}

/** `--model DIR`: a folder holding forecaster.json. */
export function isModelFolder(ref: string): boolean {
  return isModelDir(ref);
}
