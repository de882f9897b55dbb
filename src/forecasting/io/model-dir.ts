/**
 * A model folder (`freshcast train --out DIR`, the SageMaker container's model): the forecaster's
 * artifacts on disk plus a readable manifest.json. Shared by the CLI and the SageMaker server, so
 * it throws the forecasting module's typed error (the CLI maps it to a one-line message, exit 1).
 */

import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { makeDirs } from '../../common/make-dirs.js';
import { DiskArtifactStore, TEMP_DIR } from '../../storage/disk.driver.js';
import type { Forecaster } from '../forecast.types.js';
import { FORECASTER_HEADER_KEY } from '../forecaster-factory.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';
import { loadForecaster, saveForecaster } from '../forecaster.registry.js';
import { errnoCode } from '../../common/errors/error-message.js';

export const MODEL_MANIFEST_FILE = 'manifest.json';

/**
 * Moves a complete model folder to `dir`: one rename when `dir` is new or empty, else entry by entry
 * (an entry of the same name replaced), forecaster.json last, so `dir` reads as a model folder only
 * once the rest of the model is in it.
 */
async function moveInto(temp: string, dir: string): Promise<void> {
  try {
    await rename(temp, dir);
    return;
  } catch (err) {
    if (errnoCode(err) !== 'ENOTEMPTY' && errnoCode(err) !== 'EEXIST') throw err;
  }
  const entries = await readdir(temp, { withFileTypes: true });
  entries.sort(
    (a, b) => Number(a.name === FORECASTER_HEADER_KEY) - Number(b.name === FORECASTER_HEADER_KEY),
  );
  for (const entry of entries) {
    if (entry.isDirectory()) await rm(join(dir, entry.name), { recursive: true, force: true });
    await rename(join(temp, entry.name), join(dir, entry.name));
  }
}

/**
 * Saves a trained forecaster into a folder: its artifacts plus a readable manifest.json. Everything
 * is written into a hidden folder beside `dir` first and moved in at the end: a save that fails
 * (disk full) leaves no half-written model, and a model already in `dir` stays whole. `guardTemp`
 * is told the hidden folder while it exists (the CLI removes it on Ctrl-C) and released after.
 */
export async function saveModelDir(
  dir: string,
  forecaster: Forecaster,
  manifest: unknown,
  guardTemp: (path: string) => () => void = () => () => undefined,
): Promise<string[]> {
  // A link to a folder: the folder it points to.
  const target = existsSync(dir) ? realpathSync(dir) : resolve(dir);
  await makeDirs(dirname(target));
  const temp = join(dirname(target), `.${basename(target)}-${randomUUID()}`);
  const release = guardTemp(temp);
  try {
    await mkdir(temp);
    const keys = await saveForecaster(forecaster, new DiskArtifactStore(temp));
    await writeFile(join(temp, MODEL_MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    // The store's folder for writes in progress, empty now: a model folder holds the model only.
    await rmdir(join(temp, TEMP_DIR)).catch(() => undefined);
    await moveInto(temp, target);
    return keys;
  } finally {
    await rm(temp, { recursive: true, force: true });
    release();
  }
}

export function isModelDir(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && existsSync(join(dir, 'forecaster.json'));
}

/** Loads a forecaster saved by `freshcast train --out DIR`. */
export async function loadModelDir(dir: string): Promise<Forecaster> {
  if (!isModelDir(dir))
    throw new ForecasterError(
      ForecasterErrorCode.NotAModelDir,
      `${dir} is not a saved model folder (no forecaster.json in it)`,
      { dir },
    );
  return loadForecaster(new DiskArtifactStore(dir));
}
