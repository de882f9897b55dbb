import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadForecaster, saveForecaster } from '../forecasting/forecaster.registry.js';
import type { Forecaster } from '../forecasting/forecast.types.js';
import { DiskArtifactStore } from '../storage/disk.driver.js';
import { CommandError } from './cli.errors.js';

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
  return keys;
}

export function isModelDir(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && existsSync(join(dir, 'forecaster.json'));
}

/** Loads a forecaster saved by `freshcast train --out DIR`. */
export async function loadModelDir(dir: string): Promise<Forecaster> {
  if (!isModelDir(dir))
    throw new CommandError(`${dir} is not a saved model folder (no forecaster.json in it)`);
  return loadForecaster(new DiskArtifactStore(dir));
}
