import type { SeriesPanel } from '../data/series-panel.js';
import { compareIds } from '../data/panel/panel-axes.builder.js';
import { FEATURE_SPEC_VERSION } from './default-feature.spec.js';
import { FeatureSpecError } from './feature-spec.error.js';
import type { ColumnRef, FeatureDef, FeatureSpec } from './feature-spec.types.js';

const CALENDAR_FIELDS = ['day_of_week', 'month', 'day_of_year', 'is_weekend'];
const HOLIDAY_FIELDS = [
  'is_public_holiday',
  'days_to_holiday',
  'days_since_holiday',
  'spring_festival_distance',
];

/**
 * Checks that a spec (possibly read from JSON) can be computed without looking ahead: known ops,
 * unique names, whole-day lags and windows ≥ 1. Throws FeatureSpecError.
 */
export function assertFeatureSpec(spec: FeatureSpec): void {
  if (spec.version !== FEATURE_SPEC_VERSION) {
    throw new FeatureSpecError(
      'UNSUPPORTED_VERSION',
      `FeatureSpec version '${spec.version}' (this build computes version ${FEATURE_SPEC_VERSION})`,
    );
  }
  const names = new Set<string>();
  for (const f of spec.features) {
    if (!f.name || names.has(f.name)) {
      throw new FeatureSpecError('DUPLICATE_NAME', `feature name '${f.name}' is empty or repeated`);
    }
    names.add(f.name);
    assertParams(f);
  }
}

function assertParams(f: FeatureDef): void {
  const bad = (why: string): never => {
    throw new FeatureSpecError('BAD_PARAM', `feature '${f.name}': ${why}`);
  };
  const wholeDays = (n: unknown, what: string): void => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
      bad(`${what} must be an integer ≥ 1`);
  };
  const column = (c: unknown, what: string): void => {
    if (typeof c !== 'string' || c === '') bad(`${what} must name a column`);
  };
  switch (f.op) {
    case 'calendar':
      if (!CALENDAR_FIELDS.includes(f.params.field)) bad(`unknown calendar field`);
      return;
    case 'holiday':
      if (!HOLIDAY_FIELDS.includes(f.params.field)) bad(`unknown holiday field`);
      if (f.params.cap !== undefined) wholeDays(f.params.cap, 'cap');
      return;
    case 'lag':
      column(f.params.column, 'column');
      wholeDays(f.params.days, 'days (a lag of 0 would read the row itself)');
      return;
    case 'rolling_mean':
    case 'rolling_std':
    case 'mean_change':
      column(f.params.column, 'column');
      wholeDays(f.params.window, 'window');
      return;
    case 'mean_ratio':
      column(f.params.numerator, 'numerator');
      column(f.params.denominator, 'denominator');
      wholeDays(f.params.window, 'window');
      return;
    case 'loss_rate':
      return;
    case 'category':
      if (!Array.isArray(f.params.codes) || !Array.isArray(f.params.names)) bad('codes and names');
      if (f.params.codes.length !== f.params.names.length) bad('codes and names differ in length');
      return;
    default:
      throw new FeatureSpecError('UNKNOWN_OP', `feature '${(f as FeatureDef).name}': unknown op`);
  }
}

/** Panel columns a feature reads (`target` and `listed` included as written). */
export function columnsRead(f: FeatureDef): ColumnRef[] {
  switch (f.op) {
    case 'lag':
    case 'rolling_mean':
    case 'rolling_std':
    case 'mean_change':
      return [f.params.column];
    case 'mean_ratio':
      return [f.params.numerator, f.params.denominator];
    default:
      return [];
  }
}

/**
 * The spec as it applies to a panel: features that read a column the panel lacks are dropped (a
 * long-format file has no prices), the loss rate is dropped when no series has one, and an empty
 * category list is filled with the panel's category codes (sorted; names from the statics). Use the
 * result for training and store it: serving then recomputes the same columns with the same codes.
 */
export function featureSpecForPanel(spec: FeatureSpec, panel: SeriesPanel): FeatureSpec {
  assertFeatureSpec(spec);
  const has = (c: ColumnRef): boolean => c === 'target' || c === 'listed' || panel.columns.has(c);
  const anyLossRate = panel.statics.lossRate.some((v) => v === v);
  const anyCategory = panel.statics.categoryCode.some((c) => c !== '');
  const features = spec.features.filter(
    (f) =>
      columnsRead(f).every(has) &&
      (f.op !== 'loss_rate' || anyLossRate) &&
      (f.op !== 'category' || f.params.codes.length > 0 || anyCategory),
  );
  return fillCategories({ ...spec, features }, panel);
}

/** Fills every empty category list with the panel's category codes and names. */
export function fillCategories(spec: FeatureSpec, panel: SeriesPanel): FeatureSpec {
  const empty = (f: FeatureDef): boolean => f.op === 'category' && f.params.codes.length === 0;
  if (!spec.features.some(empty)) return spec;
  const params = panelCategories(panel);
  return {
    ...spec,
    features: spec.features.map((f): FeatureDef =>
      f.op === 'category' && empty(f) ? { ...f, params } : f,
    ),
  };
}

/** Distinct non-empty category codes of a panel, sorted, with the first name seen for each. */
export function panelCategories(panel: SeriesPanel): { codes: string[]; names: string[] } {
  const nameOf = new Map<string, string>();
  panel.statics.categoryCode.forEach((code, s) => {
    if (code !== '' && !nameOf.has(code)) nameOf.set(code, panel.statics.categoryName[s]);
  });
  const codes = [...nameOf.keys()].sort(compareIds);
  return { codes, names: codes.map((c) => nameOf.get(c) ?? '') };
}
