import type { ArtifactStore } from '../storage/artifact-store.js';

/**
 * Large results convention. A processor whose result is big (forecasts for every series, per-series
 * backtest metrics) writes it to the ArtifactStore and returns `{ pointer: <key> }` instead; the job
 * then holds only the pointer and `JobView.resultPointer` carries the key (`JobView.result` is null).
 * A result counts as a pointer when it is an object with exactly one key, `pointer`, a string.
 * The job system itself never reads the store: results are plain JSON to it.
 */
export interface ResultPointer {
  pointer: string;
}

/** What a processor may return: the result itself, or a pointer to it. */
export type JobOutput<R> = R | ResultPointer;

/** Results up to this size (UTF-8 JSON) stay inline in the job by default. */
export const INLINE_RESULT_MAX_BYTES = 64 * 1024;

export function isResultPointer(value: unknown): value is ResultPointer {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 && keys[0] === 'pointer' && typeof Reflect.get(value, 'pointer') === 'string'
  );
}

/** Store key of a job's result: `jobs/<name>/<id>/result.json` (':' in scheduled ids becomes '_'). */
export function jobResultKey(name: string, jobId: string): string {
  return `jobs/${name}/${jobId.replace(/[^A-Za-z0-9._-]/g, '_')}/result.json`;
}

/**
 * The job id a result key belongs to (`jobResultKey` read backwards; `repeat_<name>.<schedule>_<ms>`
 * gives back `repeat:<name>.<schedule>:<ms>`); null for a key that is not a job result.
 */
export function jobIdOfResultKey(key: string): string | null {
  const m = /^jobs\/[^/]+\/([^/]+)\/result\.json$/.exec(key);
  if (m === null) return null;
  const folder = m[1];
  const scheduled = /^repeat_(.+)_(\d+)$/.exec(folder);
  return scheduled === null ? folder : `repeat:${scheduled[1]}:${scheduled[2]}`;
}

/** Writes `value` as JSON under the job's result key and returns the pointer to it. */
export async function storeJobResult(
  store: Pick<ArtifactStore, 'put'>,
  name: string,
  jobId: string,
  value: unknown,
): Promise<ResultPointer> {
  const key = jobResultKey(name, jobId);
  await store.put(key, new TextEncoder().encode(JSON.stringify(value)));
  return { pointer: key };
}

/** Returns `value` inline when its JSON is at most `maxInlineBytes`, otherwise stores it and returns the pointer. */
export async function inlineOrPointer<R>(
  store: Pick<ArtifactStore, 'put'>,
  name: string,
  jobId: string,
  value: R,
  maxInlineBytes = INLINE_RESULT_MAX_BYTES,
): Promise<JobOutput<R>> {
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  return bytes <= maxInlineBytes ? value : storeJobResult(store, name, jobId, value);
}

/** Reads back a result stored by `storeJobResult`. */
export async function loadJobResult(
  store: Pick<ArtifactStore, 'get'>,
  pointer: ResultPointer,
): Promise<unknown> {
  const bytes = await store.get(pointer.pointer);
  return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
}

/** A finished job's result as stored: inline in the job, or read back from behind its pointer. */
export function jobResultOf(
  store: Pick<ArtifactStore, 'get'>,
  view: { result: unknown; resultPointer: string | null },
): Promise<unknown> {
  return view.resultPointer === null
    ? Promise.resolve(view.result)
    : loadJobResult(store, { pointer: view.resultPointer });
}
