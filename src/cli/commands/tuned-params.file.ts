import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { tuneResultSchema } from '../../jobs/tune-job.payloads.js';
import { UsageError } from '../cli.errors.js';

/**
 * `--params-from FILE`: the best params of a tune result (`freshcast tune --out FILE`, or a tune
 * job's result saved as JSON), for the kind and target it was tuned for.
 */
export async function tunedParamsFromFile(
  file: string,
  kind: string,
  target: string,
): Promise<{ params: Record<string, unknown>; source: { tuneJob: string; tuneMeanWape: number } }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--params-from: cannot read ${file} as JSON (${(err as Error).message})`);
  }
  const parsed = tuneResultSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--params-from: ${file} is not a tune result`);
  const r = parsed.data;
  if (r.kind !== kind) throw new UsageError(`--params-from: ${file} tuned ${r.kind}, not ${kind}`);
  if (r.target !== target)
    throw new UsageError(`--params-from: ${file} was tuned for ${r.target}, not ${target}`);
  if (r.best === null) throw new UsageError(`--params-from: ${file} has no best trial`);
  return {
    params: { ...r.best.params },
    source: { tuneJob: `file:${basename(file)}`, tuneMeanWape: r.best.meanWape },
  };
}
