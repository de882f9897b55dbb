import type { Target } from '../data/series-panel.js';
import type { FeatureSpec } from './feature-spec.types.js';

/**
 * Features of every series × day, columnar: value of feature `f` for series `s` on day `t` lives at
 * `(s * dates.length + t) * names.length + f`. NaN = missing.
 */
export interface FeatureMatrix {
  /** The spec as computed (category codes filled in). */
  spec: FeatureSpec;
  target: Target;
  seriesIds: string[];
  dates: string[];
  names: string[];
  values: Float32Array;
}

export function featureIndex(m: FeatureMatrix, s: number, t: number, f: number): number {
  return (s * m.dates.length + t) * m.names.length + f;
}
