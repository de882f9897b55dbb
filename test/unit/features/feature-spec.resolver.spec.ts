import { buildLongPanel } from '../../../src/data/panel/long-panel.builder.js';
import {
  defaultFeatureSpec,
  FEATURE_SPEC_VERSION,
} from '../../../src/features/default-feature.spec.js';
import { FeatureSpecError } from '../../../src/features/feature-spec.error.js';
import {
  assertFeatureSpec,
  featureSpecForPanel,
} from '../../../src/features/feature-spec.resolver.js';
import type { FeatureDef, FeatureSpec } from '../../../src/features/feature-spec.types.js';
import { buildFeatures } from '../../../src/features/feature.pipeline.js';

function specWith(...features: FeatureDef[]): FeatureSpec {
  return { version: FEATURE_SPEC_VERSION, description: 'test', features };
}
function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof FeatureSpecError ? e.code : 'OTHER';
  }
  return 'NONE';
}

describe('FeatureSpec', () => {
  it('describes every default feature and covers the issue list', () => {
    const spec = defaultFeatureSpec();
    expect(spec.version).toBe('1');
    const names = spec.features.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of spec.features) expect(f.description.length).toBeGreaterThan(10);
    expect(names).toEqual(
      expect.arrayContaining([
        'day_of_week',
        'month',
        'day_of_year',
        'is_public_holiday',
        'days_to_holiday',
        'days_since_holiday',
        'spring_festival_distance',
        'y_lag_1',
        'y_lag_7',
        'y_lag_14',
        'y_lag_28',
        'y_mean_7',
        'y_std_7',
        'y_mean_14',
        'y_std_14',
        'y_mean_28',
        'y_std_28',
        'markup_7',
        'price_change_7',
        'wholesale_change_7',
        'discount_share_lag_1',
        'loss_rate',
        'category',
      ]),
    );
    expect(() => assertFeatureSpec(JSON.parse(JSON.stringify(spec)) as FeatureSpec)).not.toThrow();
  });

  it('rejects specs that would look ahead or cannot be computed', () => {
    const lag = (days: number): FeatureDef => ({
      name: `lag_${days}`,
      description: '',
      group: 'lag',
      op: 'lag',
      params: { column: 'target', days },
    });
    expect(code(() => assertFeatureSpec(specWith(lag(0))))).toBe('BAD_PARAM');
    expect(code(() => assertFeatureSpec(specWith(lag(1.5))))).toBe('BAD_PARAM');
    expect(code(() => assertFeatureSpec(specWith(lag(1), lag(1))))).toBe('DUPLICATE_NAME');
    expect(code(() => assertFeatureSpec({ ...specWith(lag(1)), version: '0' }))).toBe(
      'UNSUPPORTED_VERSION',
    );
    const unknown = JSON.parse(
      '{"name":"x","description":"","group":"lag","op":"peek","params":{}}',
    ) as FeatureDef;
    expect(code(() => assertFeatureSpec(specWith(unknown)))).toBe('UNKNOWN_OP');
    expect(code(() => assertFeatureSpec(specWith(lag(7))))).toBe('NONE');
  });

  it('keeps only what a long-format panel can feed, and computes it', () => {
    const panel = buildLongPanel({
      length: 3,
      uniqueId: ['a', 'a', 'a'],
      ds: ['2024-01-01', '2024-01-02', '2024-01-03'],
      y: Float64Array.of(1, 2, 3),
      extra: { promo: Float64Array.of(0, 1, 0) },
    });
    const spec = featureSpecForPanel(defaultFeatureSpec(), panel);
    const names = spec.features.map((f) => f.name);
    expect(names).toContain('y_lag_1');
    expect(names).toContain('listed_rate_28');
    for (const gone of [
      'markup_7',
      'price_lag_1',
      'discount_share_lag_1',
      'loss_rate',
      'category',
    ]) {
      expect(names).not.toContain(gone);
    }
    const m = buildFeatures(panel);
    expect(m.names).toEqual(names);
    expect(m.values[2 * m.names.length + names.indexOf('y_lag_1')]).toBe(2);
  });

  it('refuses a panel without the target column', () => {
    const panel = buildLongPanel({
      length: 1,
      uniqueId: ['a'],
      ds: ['2024-01-01'],
      y: Float64Array.of(1),
      extra: {},
    });
    expect(code(() => buildFeatures(panel, undefined, 'price'))).toBe('MISSING_TARGET');
  });
});
