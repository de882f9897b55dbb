import { TARGETS } from '../data/series-panel.js';
import { assertAlias, assertKind, assertTarget, isModelId, parseModelId } from './model-id.js';
import type { ModelManifest, ModelVersion } from './model-manifest.schema.js';
import type { ModelListFilter, ModelListResult } from './model-registry.types.js';
import { stateKey } from './registry-layout.js';
import { aliasesOf, stageOf, type TargetState } from './registry-state.js';
import { isRegistryError } from './registry.errors.js';
import type { RegistryRepository, UnreadableEntry } from './registry.repository.js';

const READ_CONCURRENCY = 8;

/** A manifest as callers see it: with its current stage and aliases from the target's state. */
export function toModelVersion(manifest: ModelManifest, state: TargetState): ModelVersion {
  return {
    ...manifest,
    stage: stageOf(state, manifest.id),
    aliases: aliasesOf(state, manifest.id),
  };
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Registered models matching the filter, newest first. An unreadable manifest or state file, or a
 * folder that is not a model id, is reported in `errors` while everything else still lists.
 */
export async function listModelVersions(
  repository: RegistryRepository,
  filter: ModelListFilter,
): Promise<ModelListResult> {
  const targets = filter.target === undefined ? TARGETS : [assertTarget(filter.target)];
  const kind = filter.kind === undefined ? undefined : assertKind(filter.kind);
  const alias = filter.alias === undefined ? undefined : assertAlias(filter.alias);
  const versions: ModelVersion[] = [];
  const errors: UnreadableEntry[] = [];
  for (const target of targets) {
    let state: TargetState;
    try {
      state = await repository.readState(target);
    } catch (err) {
      if (!isRegistryError(err, 'CORRUPT_STATE')) throw err;
      errors.push({ key: stateKey(target), code: 'CORRUPT_STATE', message: err.message });
      continue;
    }
    const wanted = (await repository.listManifestKeys(target)).filter((entry) => {
      if (!isModelId(entry.id) || parseModelId(entry.id).target !== target) {
        const message = `not a model id: ${JSON.stringify(entry.id)}`;
        errors.push({ key: entry.key, code: 'INVALID_ID', message });
        return false;
      }
      return kind === undefined || parseModelId(entry.id).kind === kind;
    });
    const read = await mapLimit(wanted, READ_CONCURRENCY, async (entry) => {
      try {
        return toModelVersion(await repository.readManifest(target, entry.id), state);
      } catch (err) {
        if (isRegistryError(err, 'NOT_FOUND')) return undefined; // deleted meanwhile
        if (!isRegistryError(err, 'CORRUPT_MANIFEST')) throw err;
        errors.push({ key: entry.key, code: 'CORRUPT_MANIFEST', message: err.message });
        return undefined;
      }
    });
    for (const v of read) {
      if (v === undefined) continue;
      if (filter.stage !== undefined && v.stage !== filter.stage) continue;
      if (alias !== undefined && !v.aliases.includes(alias)) continue;
      versions.push(v);
    }
  }
  versions.sort((a, b) =>
    a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? 1 : -1,
  );
  return { versions, errors };
}
