import type { FeatureDef, FeatureSpec } from './feature-spec.types.js';

export const FEATURE_SPEC_VERSION = '1';

const LAGS = [1, 7, 14, 28];
const WINDOWS = [7, 14, 28];
const HOLIDAY_CAP = 60;

/** The standard feature set (FeatureSpec version 1). */
export function defaultFeatureSpec(): FeatureSpec {
  const features: FeatureDef[] = [
    {
      name: 'day_of_week',
      description: 'ISO day of week of the row date, 1 = Monday … 7 = Sunday',
      group: 'calendar',
      op: 'calendar',
      params: { field: 'day_of_week' },
    },
    {
      name: 'month',
      description: 'Month of the row date, 1–12',
      group: 'calendar',
      op: 'calendar',
      params: { field: 'month' },
    },
    {
      name: 'day_of_year',
      description: 'Day of year of the row date, 1–366',
      group: 'calendar',
      op: 'calendar',
      params: { field: 'day_of_year' },
    },
    {
      name: 'is_weekend',
      description: '1 on Saturday and Sunday',
      group: 'calendar',
      op: 'calendar',
      params: { field: 'is_weekend' },
    },
    {
      name: 'is_public_holiday',
      description:
        '1 on a Chinese statutory day off (chinese-days tables; date-holidays rules after them)',
      group: 'holiday',
      op: 'holiday',
      params: { field: 'is_public_holiday' },
    },
    {
      name: 'days_to_holiday',
      description: `Days until the next public holiday (0 on one), at most ${HOLIDAY_CAP}`,
      group: 'holiday',
      op: 'holiday',
      params: { field: 'days_to_holiday', cap: HOLIDAY_CAP },
    },
    {
      name: 'days_since_holiday',
      description: `Days since the last public holiday (0 on one), at most ${HOLIDAY_CAP}`,
      group: 'holiday',
      op: 'holiday',
      params: { field: 'days_since_holiday', cap: HOLIDAY_CAP },
    },
    {
      name: 'spring_festival_distance',
      description:
        'Signed days from the nearest Spring Festival (lunar new year; negative before it)',
      group: 'holiday',
      op: 'holiday',
      params: { field: 'spring_festival_distance' },
    },
    ...LAGS.map((days): FeatureDef => ({
      name: `y_lag_${days}`,
      description: `Target ${days} day(s) before the row; missing when that day is missing`,
      group: 'lag',
      op: 'lag',
      params: { column: 'target', days },
    })),
    ...WINDOWS.flatMap((window): FeatureDef[] => [
      {
        name: `y_mean_${window}`,
        description: `Mean of the observed target over the ${window} days before the row`,
        group: 'rolling',
        op: 'rolling_mean',
        params: { column: 'target', window },
      },
      {
        name: `y_std_${window}`,
        description: `Sample std of the observed target over the ${window} days before the row`,
        group: 'rolling',
        op: 'rolling_std',
        params: { column: 'target', window },
      },
    ]),
    {
      name: 'price_lag_1',
      description: 'Average selling price the day before the row',
      group: 'price',
      op: 'lag',
      params: { column: 'price', days: 1 },
    },
    {
      name: 'wholesale_lag_1',
      description: 'Wholesale quote the day before the row',
      group: 'price',
      op: 'lag',
      params: { column: 'wholesale', days: 1 },
    },
    {
      name: 'markup_7',
      description: 'Mean selling price ÷ mean wholesale quote over the 7 days before the row',
      group: 'price',
      op: 'mean_ratio',
      params: { numerator: 'price', denominator: 'wholesale', window: 7 },
    },
    {
      name: 'price_change_7',
      description: 'Relative change of the 7-day mean selling price vs the 7 days before that',
      group: 'price',
      op: 'mean_change',
      params: { column: 'price', window: 7 },
    },
    {
      name: 'wholesale_change_7',
      description: 'Relative change of the 7-day mean wholesale quote vs the 7 days before that',
      group: 'price',
      op: 'mean_change',
      params: { column: 'wholesale', window: 7 },
    },
    {
      name: 'discount_share_lag_1',
      description:
        'Share of sold kg sold at a discount the day before (same day is not known ahead)',
      group: 'promotion',
      op: 'lag',
      params: { column: 'discount_share', days: 1 },
    },
    {
      name: 'discount_share_mean_7',
      description: 'Mean daily discount share over the 7 days before the row',
      group: 'promotion',
      op: 'rolling_mean',
      params: { column: 'discount_share', window: 7 },
    },
    {
      name: 'listed_lag_1',
      description: '1 when the item was on offer (sale or wholesale quote) the day before',
      group: 'availability',
      op: 'lag',
      params: { column: 'listed', days: 1 },
    },
    {
      name: 'listed_rate_28',
      description: 'Share of the 28 days before the row on which the item was on offer',
      group: 'availability',
      op: 'rolling_mean',
      params: { column: 'listed', window: 28 },
    },
    {
      name: 'loss_rate',
      description: 'Loss rate of the item as a fraction (annex4 percent ÷ 100)',
      group: 'static',
      op: 'loss_rate',
      params: {},
    },
    {
      name: 'category',
      description: 'Index of the item category in params.codes (names in params.names)',
      group: 'static',
      op: 'category',
      params: { codes: [], names: [] },
    },
  ];
  return {
    version: FEATURE_SPEC_VERSION,
    description:
      'Daily features per series and day. Data features at day t use panel values of days ≤ t − 1 only; ' +
      'calendar and holiday features depend on the date, static ones on the series.',
    features,
  };
}
