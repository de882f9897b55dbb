import type { z } from 'zod';
import type { Target } from '../data/series-panel.js';
import type { ArtifactStore } from '../storage/artifact-store.js';
import { prefixedBlobs, type PrefixedBlobs } from '../storage/prefixed-blobs.js';
import { describeCause, isStorageNotFound } from '../storage/storage.errors.js';
import { modelManifestSchema, type ModelManifest } from './model-manifest.schema.js';
import { historyEntrySchema, type HistoryEntry } from './registry-history.schema.js';
import {
  artifactsPrefix,
  historyPrefix,
  manifestKey,
  newHistoryKey,
  parseManifestKey,
  REGISTRY_ROOT,
  stateKey,
  targetPrefix,
  versionPrefix,
} from './registry-layout.js';
import { emptyTargetState, targetStateSchema, type TargetState } from './registry-state.js';
import { RegistryError } from './registry.errors.js';

/** An entry that could not be read: reported, while the rest still lists. */
export interface UnreadableEntry {
  key: string;
  code: 'CORRUPT_MANIFEST' | 'CORRUPT_STATE' | 'INVALID_ID' | 'CORRUPT_HISTORY';
  message: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encode = (value: unknown): Uint8Array =>
  Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** Parses a stored JSON document against a schema; a readable message when it does not fit. */
function decode<S extends z.ZodType>(
  schema: S,
  bytes: Uint8Array,
): { ok: true; value: z.infer<S> } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch (err) {
    return { ok: false, message: `not valid JSON: ${describeCause(err)}` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${issue.path.join('.') || '(root)'}: ${issue.message}` };
}

/** The registry's documents in the ArtifactStore: manifests, per-target state, history entries. */
export class RegistryRepository {
  constructor(readonly store: ArtifactStore) {}

  async readState(target: Target): Promise<TargetState> {
    const key = stateKey(target);
    let bytes: Uint8Array;
    try {
      bytes = await this.store.get(key);
    } catch (err) {
      if (isStorageNotFound(err)) return emptyTargetState(target);
      throw err;
    }
    const parsed = decode(targetStateSchema, bytes);
    if (!parsed.ok || parsed.value.target !== target) {
      const message = parsed.ok ? `holds target ${parsed.value.target}` : parsed.message;
      throw new RegistryError(
        'CORRUPT_STATE',
        `the stage/alias state of ${target} is unreadable: ${message}`,
        {
          key,
        },
      );
    }
    return parsed.value;
  }

  async writeState(state: TargetState): Promise<void> {
    await this.store.put(stateKey(state.target), encode(state));
  }

  async readManifest(target: Target, id: string): Promise<ModelManifest> {
    const key = manifestKey(target, id);
    let bytes: Uint8Array;
    try {
      bytes = await this.store.get(key);
    } catch (err) {
      if (isStorageNotFound(err)) throw new RegistryError('NOT_FOUND', `no model ${id}`, { id });
      throw err;
    }
    const parsed = decode(modelManifestSchema, bytes);
    if (!parsed.ok) throw corrupt(id, key, parsed.message);
    if (parsed.value.id !== id || parsed.value.target !== target)
      throw corrupt(id, key, `holds id ${parsed.value.id} of target ${parsed.value.target}`);
    return parsed.value;
  }

  async writeManifest(manifest: ModelManifest): Promise<void> {
    await this.store.put(manifestKey(manifest.target, manifest.id), encode(manifest));
  }

  async manifestExists(target: Target, id: string): Promise<boolean> {
    return this.store.exists(manifestKey(target, id));
  }

  /** True when any key exists under the version's folder (manifest or artifacts). */
  async versionKeysExist(target: Target, id: string): Promise<boolean> {
    return (await this.store.list(versionPrefix(target, id))).length > 0;
  }

  /** Manifest keys under one target (or all), as found in the store (ids not yet validated). */
  async listManifestKeys(target?: Target): Promise<{ target: string; id: string; key: string }[]> {
    const keys = await this.store.list(target ? targetPrefix(target) : `${REGISTRY_ROOT}/`);
    const out: { target: string; id: string; key: string }[] = [];
    for (const key of keys) {
      const parsed = parseManifestKey(key);
      if (parsed) out.push({ ...parsed, key });
    }
    return out;
  }

  artifacts(target: Target, id: string): PrefixedBlobs {
    return prefixedBlobs(this.store, artifactsPrefix(target, id));
  }

  /** Removes a version: the manifest first (it disappears from listings at once), then the rest. */
  async deleteVersion(target: Target, id: string): Promise<void> {
    await this.store.delete(manifestKey(target, id));
    for (const key of await this.store.list(versionPrefix(target, id)))
      await this.store.delete(key);
  }

  async appendHistory(entry: HistoryEntry): Promise<void> {
    await this.store.put(newHistoryKey(entry.target, new Date(entry.at)), encode(entry));
  }

  /** History of a target in time order; unreadable entries are reported, not fatal. */
  async readHistory(
    target: Target,
  ): Promise<{ entries: HistoryEntry[]; errors: UnreadableEntry[] }> {
    const entries: HistoryEntry[] = [];
    const errors: UnreadableEntry[] = [];
    for (const key of await this.store.list(historyPrefix(target))) {
      let bytes: Uint8Array;
      try {
        bytes = await this.store.get(key);
      } catch (err) {
        if (isStorageNotFound(err)) continue;
        throw err;
      }
      const parsed = decode(historyEntrySchema, bytes);
      if (parsed.ok) entries.push(parsed.value);
      else errors.push({ key, code: 'CORRUPT_HISTORY', message: parsed.message });
    }
    entries.sort((a, b) =>
      a.at === b.at ? a.stateVersion - b.stateVersion : a.at < b.at ? -1 : 1,
    );
    return { entries, errors };
  }
}

function corrupt(id: string, key: string, message: string): RegistryError {
  return new RegistryError('CORRUPT_MANIFEST', `the manifest of ${id} is unreadable: ${message}`, {
    id,
    key,
  });
}
