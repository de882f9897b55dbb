/**
 * A versioned, JSON-serialisable description of the features a model uses. Stored in the model
 * manifest and served by `GET /data/features`; the pipeline recomputes exactly these features.
 *
 * Time semantics ("as of the previous day"): a feature at row (series, day t) uses panel data from
 * days ≤ t − 1 only, never day t or later. Calendar and holiday features depend on the date alone
 * (known in advance); static features on the series alone.
 */
export interface FeatureSpec {
  version: string;
  description: string;
  features: FeatureDef[];
}

export type FeatureGroup =
  'calendar' | 'holiday' | 'lag' | 'rolling' | 'price' | 'promotion' | 'availability' | 'static';

/**
 * A panel column name, or `target` for the model's target column, or `listed` for the listed flag
 * (0/1, never missing).
 */
export type ColumnRef = string;

export type CalendarField = 'day_of_week' | 'month' | 'day_of_year' | 'is_weekend';
export type HolidayField =
  'is_public_holiday' | 'days_to_holiday' | 'days_since_holiday' | 'spring_festival_distance';

export type FeatureComputation =
  /** From the row's date: ISO day of week 1–7, month 1–12, day of year 1–366, weekend 0/1. */
  | { op: 'calendar'; params: { field: CalendarField } }
  /**
   * Chinese public holidays and Spring Festival: a 0/1 flag, days until the next / since the last
   * public holiday (0 on one, at most `cap`), signed days from the nearest Spring Festival.
   */
  | { op: 'holiday'; params: { field: HolidayField; cap?: number } }
  /** Value of `column` on day t − days; NaN when that day is missing or before the calendar. */
  | { op: 'lag'; params: { column: ColumnRef; days: number } }
  /** Mean / sample std of the observed values of `column` on days t − window … t − 1 (NaN ignored). */
  | { op: 'rolling_mean' | 'rolling_std'; params: { column: ColumnRef; window: number } }
  /** Rolling mean of `numerator` over the window ÷ rolling mean of `denominator` over the same days. */
  | { op: 'mean_ratio'; params: { numerator: ColumnRef; denominator: ColumnRef; window: number } }
  /** Relative change of the rolling mean: mean(t − w … t − 1) ÷ mean(t − 2w … t − w − 1) − 1. */
  | { op: 'mean_change'; params: { column: ColumnRef; window: number } }
  /** The series' loss rate (fraction 0–1). */
  | { op: 'loss_rate'; params: Record<string, never> }
  /**
   * Index of the series' category code in `codes` (names alongside); NaN when not in the list.
   * Empty lists are filled from the panel when the spec is resolved.
   */
  | { op: 'category'; params: { codes: string[]; names: string[] } };

export type FeatureOp = FeatureComputation['op'];

export type FeatureDef = {
  /** Column name in the feature matrix and CSV; unique within a spec. */
  name: string;
  description: string;
  group: FeatureGroup;
} & FeatureComputation;
