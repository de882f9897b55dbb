import type { SeriesPanel } from '../../../../src/data/series-panel.js';
import { GbtForecaster } from '../../../../src/forecasting/models/gbt.model.js';
import { ForecasterErrorCode } from '../../../../src/forecasting/forecaster.errors.js';
import { loadForecaster, saveForecaster } from '../../../../src/forecasting/forecaster.registry.js';
import { lagRowKindBehaviours } from '../../../helpers/lag-row-kind-behaviours.js';
import { MemoryBlobStore } from '../../../helpers/memory-blob-store.js';
import { restoreWithoutParams } from '../../../helpers/restore-without-params.js';
import { clonePanel, syntheticPanel } from '../../../helpers/synthetic-panel.js';

const SMALL = { rounds: 80, minLeafRows: 20 };

describe('gbt (global gradient-boosted trees)', () => {
  lagRowKindBehaviours(() => new GbtForecaster(SMALL), { weeklyWape: 0.03, scaleDigits: 4 });

  it('fits the same model for the same seed and another for another seed', async () => {
    const panel = syntheticPanel({ series: 6, days: 160 });
    const fit = async (seed: number): Promise<string> => {
      const f = new GbtForecaster(SMALL);
      await f.fit(panel, { target: 'quantity', horizon: 14, seed });
      const store = new MemoryBlobStore();
      await saveForecaster(f, store);
      return new TextDecoder().decode(store.blobs.get('forecaster.json'));
    };
    const a = await fit(1);
    expect(await fit(1)).toBe(a);
    expect(await fit(2)).not.toBe(a);
  });

  it('fits from the data up to the fit cutoff only', async () => {
    const panel = syntheticPanel({ series: 6, days: 160 });
    const cutoffIndex = 120;
    const perturbed = clonePanel(panel);
    const q = perturbed.columns.get('quantity');
    if (!q) throw new Error('panel without quantity');
    const days = panel.dates.length;
    for (let s = 0; s < panel.seriesIds.length; s++)
      for (let t = cutoffIndex + 1; t < days; t++) q[s * days + t] = 500 + t;
    const saved = async (p: SeriesPanel): Promise<string> => {
      const f = new GbtForecaster(SMALL);
      await f.fit(p, { target: 'quantity', horizon: 14, cutoff: panel.dates[cutoffIndex] });
      const store = new MemoryBlobStore();
      await saveForecaster(f, store);
      return new TextDecoder().decode(store.blobs.get('forecaster.json'));
    };
    expect(await saved(perturbed)).toBe(await saved(panel));
  });

  it('saves its trees as JSON and refuses a saved model whose features do not match its params', async () => {
    const panel = syntheticPanel({ series: 4, days: 120 });
    const f = new GbtForecaster(SMALL);
    await f.fit(panel, { target: 'quantity', horizon: 7 });
    const store = new MemoryBlobStore();
    await saveForecaster(f, store);
    const header = JSON.parse(new TextDecoder().decode(store.blobs.get('forecaster.json'))) as {
      params: Record<string, unknown>;
      state: { model: { featureNames: string[]; trees: { trees: unknown[] } } };
    };
    expect(header.state.model.trees.trees.length).toBeGreaterThan(0);
    expect(header.state.model.featureNames).toEqual(f.inputs().features.step);
    expect(header.state.model.featureNames.slice(-3)).toEqual([
      'horizon_step',
      'year_1_back_change',
      'year_1_back_level',
    ]);
    header.params.lags = 21;
    await store.put('forecaster.json', new TextEncoder().encode(JSON.stringify(header)));
    await expect(loadForecaster(store)).rejects.toMatchObject({
      code: ForecasterErrorCode.InvalidArtifact,
    });
  });

  it('declares the level and year-back features when it uses them', () => {
    const names = (p: Record<string, unknown>): string[] =>
      new GbtForecaster(p).inputs().features.step.slice(-4);
    expect(names({ levelFeature: true, yearsBack: 0 }).slice(-2)).toEqual([
      'horizon_step',
      'log10_level',
    ]);
    expect(names({ levelFeature: true })).toEqual([
      'horizon_step',
      'log10_level',
      'year_1_back_change',
      'year_1_back_level',
    ]);
  });

  it('restores a model saved before the year-back features and the l1 objective as it was made', async () => {
    const panel = syntheticPanel({ series: 4, days: 120 });
    const f = new GbtForecaster({ ...SMALL, yearsBack: 0, objective: 'l2' });
    await f.fit(panel, { target: 'quantity', horizon: 7 });
    const restored = await restoreWithoutParams(f, ['yearsBack', 'objective']);
    expect(restored.params).toMatchObject({ yearsBack: 0, objective: 'l2' });
    expect(await restored.predict({ panel, horizon: 7 })).toEqual(
      await f.predict({ panel, horizon: 7 }),
    );
  });

  it('rejects parameters out of range', () => {
    expect(() => new GbtForecaster({ subsample: 0 })).toThrow(/subsample/);
    expect(() => new GbtForecaster({ maxBins: 300 })).toThrow(/maxBins/);
    expect(() => new GbtForecaster({ depth: 3 })).toThrow(/depth/);
    expect(() => new GbtForecaster({ objective: 'l3' })).toThrow(/objective/);
    expect(() => new GbtForecaster({ yearsBack: 3 })).toThrow(/yearsBack/);
  });
});
