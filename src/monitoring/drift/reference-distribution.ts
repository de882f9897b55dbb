import type { SeriesPanel } from '../../data/series-panel.js';
import type { Forecast } from '../../forecasting/forecast.types.js';
import { binShares, quantileBinEdges, quantileSketch } from '../stats/distribution-stats.js';

/** Days at the end of the training data a feature's reference is taken from. */
export const REFERENCE_DAYS = 90;
/** Points of a reference's quantile sketch (0 %, 1 %, ..., 100 %). */
export const SKETCH_POINTS = 101;
const REFERENCE_BINS = 10;

/** The reference distribution of one feature (or of the predictions): a quantile sketch and PSI bins. */
export interface ReferenceDistribution {
  /** Values the reference was built from. */
  count: number;
  mean: number;
  /** SKETCH_POINTS equally spaced quantiles, ascending. */
  sketch: number[];
  /** Inner PSI bin edges (the reference's deciles, repeats dropped) and the reference's share per bin. */
  edges: number[];
  shares: number[];
}

/** What a model stores at training time (manifest `state.reference`). */
export interface ModelReference {
  schema: 1;
  /** Panel days the features were taken from (inclusive). */
  from: string;
  to: string;
  features: Record<string, ReferenceDistribution>;
  /** The P50 forecasts the model made at the end of its training data. */
  predictions: ReferenceDistribution | null;
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

export function referenceOf(values: ArrayLike<number>): ReferenceDistribution | null {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i])) {
      n++;
      sum += values[i];
    }
  if (n === 0) return null;
  const edges = quantileBinEdges(values, REFERENCE_BINS);
  return {
    count: n,
    mean: round(sum / n),
    sketch: quantileSketch(values, SKETCH_POINTS).map(round),
    edges: edges.map(round),
    shares: binShares(values, edges).map(round),
  };
}

/** The panel columns watched for drift (those present in the panel). */
export const DRIFT_FEATURES = ['quantity', 'price', 'wholesale', 'discount_share', 'return_kg'];

/** Every value of a panel column over the days [first, last] (indices), all series. */
export function columnWindow(
  panel: SeriesPanel,
  column: string,
  first: number,
  last: number,
): Float32Array {
  const values = panel.columns.get(column);
  const days = panel.dates.length;
  const lo = Math.max(0, first);
  const hi = Math.min(days - 1, last);
  if (!values || hi < lo) return new Float32Array(0);
  const width = hi - lo + 1;
  const out = new Float32Array(panel.seriesIds.length * width);
  for (let s = 0; s < panel.seriesIds.length; s++)
    out.set(values.subarray(s * days + lo, s * days + hi + 1), s * width);
  return out;
}

/** The reference of a model trained on `panel`: its last REFERENCE_DAYS days per feature, and its P50s. */
export function buildModelReference(
  panel: SeriesPanel,
  predictions: readonly Forecast[],
): ModelReference {
  const last = panel.dates.length - 1;
  const first = Math.max(0, last - REFERENCE_DAYS + 1);
  const features: Record<string, ReferenceDistribution> = {};
  for (const name of DRIFT_FEATURES) {
    const ref = referenceOf(columnWindow(panel, name, first, last));
    if (ref) features[name] = ref;
  }
  return {
    schema: 1,
    from: panel.dates[first],
    to: panel.dates[last],
    features,
    predictions: referenceOf(predictions.flatMap((f) => f.quantiles.p50)),
  };
}

/** The reference stored in a manifest's state, or null (models trained before references existed). */
export function storedReference(state: Record<string, unknown>): ModelReference | null {
  const r = state.reference;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return null;
  const ref = r as Partial<ModelReference>;
  return ref.schema === 1 && typeof ref.features === 'object' ? (ref as ModelReference) : null;
}
