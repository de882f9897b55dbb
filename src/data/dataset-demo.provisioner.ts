import { mkdtemp, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDataset } from './generator/dataset.generator.js';
import type { GeneratorOptions } from './generator/generator-options.js';
import { isS3Url } from './data-file.access.js';
import { DatasetError } from './dataset-load.errors.js';
import { DEMO_SUBDIR, holdsDataFiles, locateDataDir } from './dataset-presence.finder.js';
import { makeDirs } from '../common/make-dirs.js';

export interface DemoDataResult {
  /** The folder to load: the data folder itself, one of its subfolders, or `<dataDir>/demo`. */
  dir: string;
  /** True when this call generated the demo dataset. */
  generated: boolean;
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch {
    return true;
  }
}

/**
 * Makes sure a data folder has data and says where it is (see locateDataDir for the rule). When
 * neither the folder nor its subfolders hold data files, the demo dataset is generated into
 * `<dataDir>/demo` (the folder is created). Cheap when data exists: no file is read beyond headers.
 *
 * Existing data is never replaced, whatever `demo` options are given. Generation goes to a hidden
 * temporary folder renamed to `demo/` at the end, so a crash never leaves half a dataset and two
 * processes starting together (API and worker) end up with one complete copy.
 */
export async function ensureDemoData(
  dataDir: string,
  demo: Partial<GeneratorOptions> = {},
): Promise<DemoDataResult> {
  const found = await locateDataDir(dataDir);
  if (found !== null) return { dir: found, generated: false };
  if (isS3Url(dataDir))
    throw new DatasetError(
      'NO_DATA',
      `no data files under ${dataDir} (nor in a folder right below it): upload annex1-4.csv / 附件1-4.csv or a long-format CSV there; demo data is only generated on disk`,
    );
  const target = join(dataDir, DEMO_SUBDIR);
  if (!(await isEmptyDir(target))) {
    throw new DatasetError(
      'DEMO_BLOCKED',
      `${target} holds no data files but is not empty: empty it or put data files in ${dataDir}`,
    );
  }
  await makeDirs(dataDir);
  const temp = await mkdtemp(join(dataDir, `.${DEMO_SUBDIR}-`));
  try {
    await generateDataset(temp, demo);
    // Only an empty leftover folder is removed (rmdir refuses anything else).
    await rmdir(target).catch(() => undefined);
    try {
      await rename(temp, target);
      return { dir: target, generated: true };
    } catch (err) {
      // Another process put the demo in place first: use it.
      if (await holdsDataFiles(target)) return { dir: target, generated: false };
      throw err;
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
