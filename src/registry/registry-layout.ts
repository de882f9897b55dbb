import { randomBytes } from 'node:crypto';
import type { Target } from '../data/series-panel.js';

/** Where the registry keeps things in the ArtifactStore. */
export const REGISTRY_ROOT = 'registry';

export const targetPrefix = (target: Target): string => `${REGISTRY_ROOT}/${target}/`;
export const versionsPrefix = (target: Target): string => `${REGISTRY_ROOT}/${target}/versions/`;
export const versionPrefix = (target: Target, id: string): string =>
  `${versionsPrefix(target)}${id}/`;
export const manifestKey = (target: Target, id: string): string =>
  `${versionPrefix(target, id)}manifest.json`;
export const artifactsPrefix = (target: Target, id: string): string =>
  `${versionPrefix(target, id)}artifacts/`;
export const stateKey = (target: Target): string => `${REGISTRY_ROOT}/${target}/state.json`;
export const historyPrefix = (target: Target): string => `${REGISTRY_ROOT}/${target}/history/`;

/** A new history key: sortable by time (ms), unique by a random suffix. */
export function newHistoryKey(target: Target, at: Date): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `${historyPrefix(target)}${stamp}-${randomBytes(4).toString('hex')}.json`;
}

/** `registry/<target>/versions/<id>/manifest.json` → { target, id }; anything else → undefined. */
export function parseManifestKey(key: string): { target: string; id: string } | undefined {
  const m = /^registry\/([^/]+)\/versions\/([^/]+)\/manifest\.json$/.exec(key);
  return m ? { target: m[1], id: m[2] } : undefined;
}
