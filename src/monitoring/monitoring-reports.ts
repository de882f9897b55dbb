import { TARGETS, type Target } from '../data/series-panel.js';
import type { ArtifactStore } from '../storage/artifact-store.js';
import { accuracyReportKey, type AccuracyReport } from './accuracy/accuracy-scorer.js';
import { driftReportKey, type DriftReport } from './drift/drift-report.js';

/** A metric read back from JSON: NaN was written as null. */
const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);

async function readJson<T>(store: ArtifactStore, key: string): Promise<T | null> {
  if (!(await store.exists(key))) return null;
  const text = new TextDecoder().decode(await store.get(key));
  return JSON.parse(text) as T;
}

/** The stored accuracy report (JSON has no NaN: metrics written as NaN read back as null, made NaN again) of each target asked for (all by default), NaN for undefined metrics. */
export async function readAccuracyReports(
  store: ArtifactStore,
  target?: Target,
): Promise<AccuracyReport[]> {
  const out: AccuracyReport[] = [];
  for (const t of target ? [target] : TARGETS) {
    const r = await readJson<AccuracyReport>(store, accuracyReportKey(t));
    if (!r) continue;
    for (const row of r.rows)
      for (const k of ['wape', 'mase', 'bias', 'pinball', 'coverage'] as const)
        row[k] = num(row[k]);
    out.push(r);
  }
  return out;
}

export async function readDriftReports(
  store: ArtifactStore,
  target?: Target,
): Promise<DriftReport[]> {
  const out: DriftReport[] = [];
  for (const t of target ? [target] : TARGETS) {
    const r = await readJson<DriftReport>(store, driftReportKey(t));
    if (r) {
      for (const f of [...r.features, ...(r.predictions ? [r.predictions] : [])]) {
        f.psi = num(f.psi);
        f.ks = num(f.ks);
        f.ks_p_value = num(f.ks_p_value);
        f.current_mean = num(f.current_mean);
      }
      out.push(r);
    }
  }
  return out;
}
