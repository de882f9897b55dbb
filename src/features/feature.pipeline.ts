import type { SeriesPanel, Target } from '../data/series-panel.js';
import { calendarFeature, holidayFeature } from './date-feature.compute.js';
import { defaultFeatureSpec } from './default-feature.spec.js';
import { FeatureSpecError } from './feature-spec.error.js';
import { assertFeatureSpec, featureSpecForPanel, fillCategories } from './feature-spec.resolver.js';
import type { ColumnRef, FeatureDef, FeatureSpec } from './feature-spec.types.js';
import type { FeatureMatrix } from './feature-matrix.types.js';
import { lagged, meanChange, ratio, rollingMean, rollingStd } from './series-window.compute.js';

/**
 * Computes the features of a spec for every series × day of a panel (see FeatureSpec for the
 * as-of-the-previous-day rule). Without a spec, the default spec as it applies to this panel.
 * A feature reading a column the panel lacks is all NaN; an empty category list is filled from the
 * panel. Throws FeatureSpecError for an invalid spec or a panel without the target column.
 */
export function buildFeatures(
  panel: SeriesPanel,
  spec?: FeatureSpec,
  target: Target = 'quantity',
): FeatureMatrix {
  const given = spec ?? featureSpecForPanel(defaultFeatureSpec(), panel);
  assertFeatureSpec(given);
  const used = fillCategories(given, panel);
  if (!panel.columns.has(target)) {
    throw new FeatureSpecError('MISSING_TARGET', `panel has no '${target}' column`);
  }
  const S = panel.seriesIds.length;
  const T = panel.dates.length;
  const F = used.features.length;
  const values = new Float32Array(S * T * F);
  const column = columnReader(panel, target);

  used.features.forEach((f, k) => {
    const perDay = dateValues(f, panel.dates);
    if (perDay) {
      for (let s = 0; s < S; s++) scatter(values, perDay, s * T * F + k, F);
      return;
    }
    const perSeries = staticValues(f, panel);
    if (perSeries) {
      for (let s = 0; s < S; s++) {
        for (let t = 0; t < T; t++) values[(s * T + t) * F + k] = perSeries[s];
      }
    }
  });

  for (let s = 0; s < S; s++) {
    const memo = new Map<string, Float64Array>();
    const mean = (c: ColumnRef, window: number): Float64Array => {
      const key = `${c}\u0000${window}`;
      let m = memo.get(key);
      if (!m) memo.set(key, (m = rollingMean(column(c, s), window)));
      return m;
    };
    used.features.forEach((f, k) => {
      const v = seriesValues(f, s, column, mean);
      if (v) scatter(values, v, s * T * F + k, F);
    });
  }
  return {
    spec: used,
    target,
    seriesIds: panel.seriesIds,
    dates: panel.dates,
    names: used.features.map((f) => f.name),
    values,
  };
}

type ColumnReader = (c: ColumnRef, s: number) => ArrayLike<number>;

/** Series `s` of a column: `target`, `listed` (0/1) or a panel column (all NaN when absent). */
function columnReader(panel: SeriesPanel, target: Target): ColumnReader {
  const T = panel.dates.length;
  const missing = new Float32Array(T).fill(NaN);
  let listed: Float32Array | undefined;
  return (c, s) => {
    if (c === 'listed') {
      listed ??= Float32Array.from(panel.listed);
      return listed.subarray(s * T, (s + 1) * T);
    }
    const values = panel.columns.get(c === 'target' ? target : c);
    return values ? values.subarray(s * T, (s + 1) * T) : missing;
  };
}

function dateValues(f: FeatureDef, dates: string[]): Float64Array | undefined {
  if (f.op === 'calendar') return calendarFeature(dates, f.params.field);
  if (f.op === 'holiday') return holidayFeature(dates, f.params.field, f.params.cap);
  return undefined;
}

function staticValues(f: FeatureDef, panel: SeriesPanel): Float64Array | undefined {
  if (f.op === 'loss_rate') return Float64Array.from(panel.statics.lossRate);
  if (f.op === 'category') {
    const index = new Map(f.params.codes.map((code, i) => [code, i]));
    return Float64Array.from(panel.statics.categoryCode, (code) => index.get(code) ?? NaN);
  }
  return undefined;
}

function seriesValues(
  f: FeatureDef,
  s: number,
  column: ColumnReader,
  mean: (c: ColumnRef, window: number) => Float64Array,
): Float64Array | undefined {
  switch (f.op) {
    case 'lag':
      return lagged(column(f.params.column, s), f.params.days);
    case 'rolling_mean':
      return mean(f.params.column, f.params.window);
    case 'rolling_std':
      return rollingStd(
        column(f.params.column, s),
        f.params.window,
        mean(f.params.column, f.params.window),
      );
    case 'mean_ratio':
      return ratio(
        mean(f.params.numerator, f.params.window),
        mean(f.params.denominator, f.params.window),
      );
    case 'mean_change':
      return meanChange(mean(f.params.column, f.params.window), f.params.window);
    default:
      return undefined;
  }
}

/** Writes a day vector into one feature column of one series block (stride = feature count). */
function scatter(values: Float32Array, v: ArrayLike<number>, start: number, stride: number): void {
  for (let t = 0; t < v.length; t++) values[start + t * stride] = v[t];
}
