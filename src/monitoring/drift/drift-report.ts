import type { SeriesPanel, Target } from '../../data/series-panel.js';
import type { ArtifactStore } from '../../storage/artifact-store.js';
import { loggedOrigins, readForecastLog } from '../forecast-log/forecast-log.store.js';
import { compareWithReference, type DriftStatus, type FeatureDrift } from './drift-check.js';
import { columnWindow, type ModelReference } from './reference-distribution.js';

export interface DriftSettings {
  psiWarn: number;
  psiAlert: number;
  recentDays: number;
  driftedShareAlert: number;
}

/** Drift of one target's prod model, as stored at `monitoring/drift/target=<t>.json` and served. */
export interface DriftReport {
  target: Target;
  model_version: string;
  generated_at: string;
  reference: { from: string; to: string };
  recent: { from: string; to: string };
  psi_warn: number;
  psi_alert: number;
  /** Share of the features at or above psi_alert. */
  drifted_share: number;
  status: DriftStatus;
  features: FeatureDrift[];
  /** The newest logged P50 forecasts of the model against those it made at training (null without either). */
  predictions: FeatureDrift | null;
}

export function driftReportKey(target: Target): string {
  return `monitoring/drift/target=${target}.json`;
}

/** Compares the panel's last `recentDays` days and the model's newest logged forecasts with its reference. */
export async function checkDrift(
  store: ArtifactStore,
  panel: SeriesPanel,
  target: Target,
  modelVersion: string,
  reference: ModelReference,
  s: DriftSettings,
): Promise<DriftReport> {
  const last = panel.dates.length - 1;
  const first = Math.max(0, last - s.recentDays + 1);
  const t = { psiWarn: s.psiWarn, psiAlert: s.psiAlert };
  const features = Object.entries(reference.features).map(([name, ref]) =>
    compareWithReference(name, ref, columnWindow(panel, name, first, last), t),
  );
  let predictions: FeatureDrift | null = null;
  const origins = await loggedOrigins(store, target, '0000-01-01', '9999-12-31');
  const latest = origins.at(-1);
  if (reference.predictions && latest !== undefined) {
    const logged = (await readForecastLog(store, target, latest)).filter(
      (f) => f.modelVersion === modelVersion,
    );
    if (logged.length > 0)
      predictions = compareWithReference(
        'predictions_p50',
        reference.predictions,
        logged.flatMap((f) => f.p50),
        t,
      );
  }
  const drifted = features.filter((f) => f.status === 'alert').length;
  const driftedShare = features.length === 0 ? 0 : drifted / features.length;
  const all = predictions ? [...features, predictions] : features;
  const status: DriftStatus =
    driftedShare >= s.driftedShareAlert || predictions?.status === 'alert'
      ? 'alert'
      : all.some((f) => f.status !== 'ok')
        ? 'warn'
        : 'ok';
  return {
    target,
    model_version: modelVersion,
    generated_at: new Date().toISOString(),
    reference: { from: reference.from, to: reference.to },
    recent: { from: panel.dates[first], to: panel.dates[last] },
    psi_warn: s.psiWarn,
    psi_alert: s.psiAlert,
    drifted_share: driftedShare,
    status,
    features,
    predictions,
  };
}
