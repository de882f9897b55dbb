import { LinearForecaster } from '../../../../src/forecasting/models/linear.model.js';
import { wape } from '../../../../src/evaluation/metrics.js';
import { featureCount, featureNames } from '../../../../src/forecasting/stats/lag-features.js';
import {
  LEGACY_TARGET_DAY_COVARIATES,
  TARGET_DAY_COVARIATES,
} from '../../../../src/forecasting/stats/calendar-rows.js';
import { loadForecaster, saveForecaster } from '../../../../src/forecasting/forecaster.registry.js';
import { lagRowKindBehaviours } from '../../../helpers/lag-row-kind-behaviours.js';
import { MemoryBlobStore } from '../../../helpers/memory-blob-store.js';
import { restoreWithoutParams } from '../../../helpers/restore-without-params.js';
import { panelFromRows } from '../../../helpers/synthetic-panel.js';

const WEEK = [10, 9, 10, 9, 11, 15, 14];

describe('linear (global ridge)', () => {
  it('names every feature', () => {
    const cfg = { lags: 14, clip: 10, covariates: TARGET_DAY_COVARIATES };
    expect(featureNames(cfg)).toHaveLength(featureCount(cfg));
    expect(featureNames(cfg).slice(12, 20)).toEqual([
      'lag_13',
      'lag_14',
      'mean_7',
      'mean_28',
      'observed_28',
      'zero_share_91',
      'same_weekday_mean_4',
      'dow_mon',
    ]);
  });

  lagRowKindBehaviours(() => new LinearForecaster(), { weeklyWape: 0.01, scaleDigits: 6 });

  it('restores a model saved before the Spring Festival day flags (its own covariate list)', async () => {
    const rows = [1, 2, 3].map((l) => Array.from({ length: 120 }, (_, t) => l * WEEK[t % 7]));
    const panel = panelFromRows(rows);
    const f = new LinearForecaster();
    await f.fit(panel, { target: 'quantity', horizon: 7 });
    const store = new MemoryBlobStore();
    await saveForecaster(f, store);
    const header = JSON.parse(new TextDecoder().decode(store.blobs.get('forecaster.json'))) as {
      params: Record<string, unknown>;
      state: { model: { features: number; covariates?: string[]; coefficients: number[][] } };
    };
    const model = header.state.model;
    expect(model.covariates).toEqual(TARGET_DAY_COVARIATES);
    // the legacy layout: 6 target-day covariates and no list, no year-back features (and no such
    // param); drop the newer columns
    delete header.params.yearsBack;
    const legacy = featureCount({ lags: 14, clip: 10, covariates: LEGACY_TARGET_DAY_COVARIATES });
    model.coefficients = model.coefficients.map((c) => c.slice(0, legacy));
    model.features = legacy;
    delete model.covariates;
    await store.put('forecaster.json', new TextEncoder().encode(JSON.stringify(header)));
    const restored = await loadForecaster(store);
    const forecasts = await restored.predict({ panel, horizon: 7 });
    expect(forecasts).toHaveLength(3);
    expect(forecasts[0].mean.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('restores a model saved before the year-back features as one without them', async () => {
    const rows = [1, 2, 3].map((l) =>
      Array.from({ length: 400 }, (_, t) => l * WEEK[t % 7] + (t % 11)),
    );
    const panel = panelFromRows(rows);
    const f = new LinearForecaster({ yearsBack: 0 });
    await f.fit(panel, { target: 'quantity', horizon: 7 });
    const restored = await restoreWithoutParams(f, ['yearsBack']);
    expect(restored.params).toMatchObject({ yearsBack: 0 });
    expect(await restored.predict({ panel, horizon: 7 })).toEqual(
      await f.predict({ panel, horizon: 7 }),
    );
  });

  it("forecasts with last year's change: a yearly swing the lags alone cannot see", async () => {
    // Three years of a level that doubles every spring (days 100–160 of each 364-day year) and is
    // flat otherwise: at a cutoff just before the swing, the year-back features carry it.
    const year = (t: number): number => (t % 364 >= 100 && t % 364 < 160 ? 2 : 1);
    const rows = [1, 2, 4].map((l) =>
      Array.from({ length: 364 * 2 + 95 }, (_, t) => l * year(t) * WEEK[t % 7]),
    );
    const truth = [1, 2, 4].map((l) =>
      Array.from(
        { length: 28 },
        (_, h) => l * year(364 * 2 + 95 + h) * WEEK[(364 * 2 + 95 + h) % 7],
      ),
    );
    const panel = panelFromRows(rows);
    const errors: number[] = [];
    for (const yearsBack of [0, 1]) {
      const f = new LinearForecaster({ yearsBack, yearly: false });
      await f.fit(panel, { target: 'quantity', horizon: 28 });
      const forecasts = await f.predict({ panel, horizon: 28 });
      errors.push(
        wape(
          truth.flat(),
          forecasts.flatMap((x) => x.mean),
        ),
      );
    }
    expect(errors[1]).toBeLessThan(0.2);
    expect(errors[1]).toBeLessThan(errors[0] / 2);
  });
});
