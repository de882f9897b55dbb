import type { SeriesPanel } from '../../../src/data/series-panel.js';
import type { Forecaster } from '../../../src/forecasting/forecast.types.js';
import { createForecaster } from '../../../src/forecasting/forecaster.registry.js';
import { FORECASTER_HEADER_KEY } from '../../../src/forecasting/forecaster-factory.js';
import { neuralInputs, futureCalendarFor } from '../../../src/forecasting/neural/neural-inputs.js';
import {
  PAST_FEATURES,
  futureFeatureCount,
  staticFeatureCount,
} from '../../../src/forecasting/neural/window-features.js';
import type { ModelInputs } from '../../../src/forecasting/model-inputs.js';
import { featureCount, featureNames } from '../../../src/forecasting/stats/lag-features.js';
import {
  ridgeYearBackNames,
  treeYearBackNames,
} from '../../../src/forecasting/stats/year-back-features.js';
import { MemoryBlobStore } from '../../helpers/memory-blob-store.js';
import { syntheticPanel } from '../../helpers/synthetic-panel.js';

describe('declared model inputs match what the input builders write', () => {
  it('linear: one name per coefficient of its fitted ridge, its calendar covariates those of its rows', async () => {
    const panel = syntheticPanel({ series: 6, days: 200, seed: 2 });
    const cases = [
      { params: {}, lags: 14, yearsBack: 1 },
      { params: { lags: 21, yearly: false, yearsBack: 0 }, lags: 21, yearsBack: 0 },
      { params: { yearsBack: 2 }, lags: 14, yearsBack: 2 },
    ];
    for (const { params, lags, yearsBack } of cases) {
      const { model, inputs, state } = await fittedWithState<{
        features: number;
        covariates: string[];
        coefficients: number[][];
      }>('linear', params, panel);
      expect(inputs.features.step).toHaveLength(state.features);
      expect(state.coefficients[0]).toHaveLength(inputs.features.step.length);
      expect(inputs.calendar).toEqual(state.covariates);
      expect(inputs.features.step).toEqual([
        ...featureNames({ lags, clip: 10, covariates: state.covariates }),
        ...ridgeYearBackNames(yearsBack),
      ]);
      // near a Spring Festival a twin lies up to one lunar year (≤ 385 days) back per year
      expect(inputs.lookbackDays).toBe(Math.max(91, yearsBack > 0 ? 385 * yearsBack + 28 : 0));
      model.dispose();
    }
  });

  it('gbt: one name per feature its trees split on, its calendar covariates those of its rows', async () => {
    const panel = syntheticPanel({ series: 6, days: 200, seed: 2 });
    for (const params of [
      { rounds: 20 },
      { rounds: 20, lags: 21, yearly: false, levelFeature: true, yearsBack: 2 },
    ]) {
      const { model, inputs, state } = await fittedWithState<{
        covariates: string[];
        featureNames: string[];
        trees: { features: number };
      }>('gbt', params, panel);
      expect(inputs.features.step).toEqual(state.featureNames);
      expect(state.trees.features).toBe(inputs.features.step.length);
      expect(inputs.calendar).toEqual(state.covariates);
      expect(
        inputs.features.step.slice(
          0,
          featureCount({ lags: params.lags ?? 14, clip: 10, covariates: state.covariates }),
        ),
      ).toEqual(
        inputs.features.step.filter(
          (n) => n !== 'horizon_step' && n !== 'log10_level' && !n.startsWith('year_'),
        ),
      );
      const years = ('yearsBack' in params ? params.yearsBack : undefined) ?? 1;
      expect(inputs.features.step.slice(-2 * years)).toEqual(treeYearBackNames(years));
      model.dispose();
    }
  });

  it('neural: as many past, future and static names as fillBatch writes values', () => {
    for (const [festivalDays, yearBack] of [
      [0, false],
      [1, false],
      [1, true],
    ] as const) {
      const futureCalendar = futureCalendarFor(festivalDays);
      const categories = ['1011', '1012', '1013'];
      const inputs = neuralInputs('mlp', {
        lookback: 56,
        levelWindow: 91,
        clip: 20,
        futureCalendar,
        yearBack,
        categories,
      });
      expect(inputs.features.past).toHaveLength(PAST_FEATURES);
      expect(inputs.features.future).toHaveLength(
        futureFeatureCount({ futureCalendar: [...futureCalendar], futureYearBack: yearBack }),
      );
      expect(inputs.features.static).toHaveLength(staticFeatureCount(categories.length));
      expect(inputs.features.static.slice(0, 4)).toEqual([
        'category_1011',
        'category_1012',
        'category_1013',
        'category_unknown',
      ]);
      for (const name of futureCalendar) expect(inputs.calendar).toContain(name);
      expect(inputs.panelColumns).toEqual(expect.arrayContaining(['price', 'wholesale', 'listed']));
      expect(inputs.lookbackDays).toBeGreaterThanOrEqual(364);
    }
  });

  it('neural before a fit: the shapes its params would build', async () => {
    const model = await createForecaster('mlp', { lookback: 42, festivalDays: 0, yearBack: 0 });
    const inputs = model.inputs();
    expect(inputs.kind).toBe('mlp');
    expect(inputs.features.future).toHaveLength(
      futureFeatureCount({ futureCalendar: [...futureCalendarFor(0)] }),
    );
    const current = await createForecaster('mlp');
    expect(current.inputs().features.future.slice(-3)).toEqual([
      'weekday_mean_91_scaled',
      'year_back_week_mean_scaled',
      'year_back_observed',
    ]);
    current.dispose();
    expect(inputs.scaling).toContain('91');
    model.dispose();
  });

  it('statistical per-series kinds read their target history only', async () => {
    for (const kind of ['ets', 'seasonal-naive', 'croston', 'tsb', 'moving-average']) {
      const model = await createForecaster(kind);
      const inputs = model.inputs();
      expect(inputs).toMatchObject({ kind, features: {}, calendar: [], panelColumns: [] });
      model.dispose();
    }
  });

  it('ensemble: its members, each with its own inputs, and their union', async () => {
    const panel = syntheticPanel({ series: 6, days: 200, seed: 4 });
    const model = await createForecaster('ensemble', {
      members: [{ kind: 'linear' }, { kind: 'ets' }],
      weighting: 'equal',
    });
    expect(model.inputs().members?.map((m) => m.kind)).toEqual(['linear', 'ets']);
    await model.fit(panel, { target: 'quantity', horizon: 7 });
    const inputs = model.inputs();
    const linear = await createForecaster('linear');
    expect(inputs.members?.[0]).toEqual(linear.inputs());
    expect(inputs.lookbackDays).toBeNull();
    expect(inputs.calendar).toEqual(linear.inputs().calendar);
    expect(model.fittedSummary?.()).toMatchObject({
      members: [
        { kind: 'linear', params: {} },
        { kind: 'ets', params: {} },
      ],
      weights: [1, 1],
    });
    linear.dispose();
    model.dispose();
  });
});

/**
 * A kind fitted on `panel` (its declared inputs checked to be the same before and after the fit), its
 * inputs, and the model state it saves in its header.
 */
async function fittedWithState<State>(
  kind: string,
  params: Record<string, unknown>,
  panel: SeriesPanel,
): Promise<{ model: Forecaster; inputs: ModelInputs; state: State }> {
  const model = await createForecaster(kind, params);
  const before = model.inputs();
  await model.fit(panel, { target: 'quantity', horizon: 7 });
  const inputs = model.inputs();
  expect(inputs).toEqual(before);
  const store = new MemoryBlobStore();
  await model.toArtifacts(store);
  const header = JSON.parse(new TextDecoder().decode(await store.get(FORECASTER_HEADER_KEY))) as {
    state: { model: State };
  };
  return { model, inputs, state: header.state.model };
}
