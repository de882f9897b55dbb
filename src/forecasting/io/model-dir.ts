/**
 * A model folder (`freshcast train --out DIR`, the SageMaker container's model): the forecaster's
 * artifacts on disk plus a readable manifest.json. Shared by the CLI and the SageMaker server, so
 * it throws the forecasting module's typed error (the CLI maps it to a one-line message, exit 1).
 */

import { existsSync, statSync } from 'node:fs';
import { rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DiskArtifactStore, TEMP_DIR } from '../../storage/disk.driver.js';
import type { Forecaster } from '../forecast.types.js';
import { ForecasterError, ForecasterErrorCode } from '../forecaster.errors.js';
import { loadForecaster, saveForecaster } from '../forecaster.registry.js';

export const MODEL_MANIFEST_FILE = 'manifest.json';

/** Saves a trained forecaster into a folder: its artifacts plus a readable manifest.json. */
export async function saveModelDir(
  dir: string,
  forecaster: Forecaster,
  manifest: unknown,
): Promise<string[]> {
  const store = new DiskArtifactStore(dir);
  const keys = await saveForecaster(forecaster, store);
  await writeFile(join(dir, MODEL_MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  // The store's folder for writes in progress, empty now: a model folder holds the model only.
  await rmdir(join(dir, TEMP_DIR)).catch(() => undefined);
  return keys;
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
