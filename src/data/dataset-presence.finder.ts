import { childPath, listFolder } from './data-file.access.js';
import { discoverDataFiles } from './readers/annex-dir.reader.js';

/** Subfolder of a data folder that receives the generated demo dataset. */
export const DEMO_SUBDIR = 'demo';

/** True when the folder itself holds at least one annex or long-format file (by name or header). */
export async function holdsDataFiles(dir: string): Promise<boolean> {
  const listing = await discoverDataFiles(dir);
  return listing.error === undefined && listing.byKind.size > 0;
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    return (await listFolder(dir)).folders;
  } catch {
    return [];
  }
}

/**
 * Where the data of a data folder is, or null when there is none. The rule (cheap: it lists
 * folders and reads headers only, never the data):
 *
 * 1. the folder itself, when it holds any annex or long-format file (even an incomplete set:
 *    validation then says what is missing, rather than demo data silently replacing it);
 * 2. else its first immediate subfolder (by name, hidden ones skipped) that holds such files,
 *    `demo/` coming last so that real data put in e.g. `data/shop/` wins over the demo;
 * 3. else null. Deeper folders are not searched.
 */
export async function locateDataDir(dataDir: string): Promise<string | null> {
  if (await holdsDataFiles(dataDir)) return dataDir;
  const names = await subfolders(dataDir);
  const ordered = [
    ...names.filter((n) => n !== DEMO_SUBDIR),
    ...names.filter((n) => n === DEMO_SUBDIR),
  ];
  for (const name of ordered) {
    const dir = childPath(dataDir, name);
    if (await holdsDataFiles(dir)) return dir;
  }
  return null;
}

/** Whether a data folder (itself or an immediate subfolder such as `demo/`) holds data files. */
export async function hasData(dataDir: string): Promise<boolean> {
  return (await locateDataDir(dataDir)) !== null;
}
