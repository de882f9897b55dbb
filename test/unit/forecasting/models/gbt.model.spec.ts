import type { SeriesPanel } from '../../../../src/data/series-panel.js';
import { GbtForecaster } from '../../../../src/forecasting/models/gbt.model.js';
import { wape } from '../../../../src/evaluation/metrics.js';
import { ForecasterErrorCode } from '../../../../src/forecasting/forecaster.errors.js';
import { loadForecaster, saveForecaster } from '../../../../src/forecasting/forecaster.registry.js';
import { MemoryBlobStore } from '../../../helpers/memory-blob-store.js';
import { clonePanel, panelFromRows, syntheticPanel } from '../../../helpers/synthetic-panel.js';

const WEEK = [10, 9, 10, 9, 11, 15, 14];
const SMALL = { rounds: 80, minLeafRows: 20 };

describe('gbt (global gradient-boosted trees)', () => {
  it('learns a weekly pattern shared by series of different levels', async () => {
    const levels = [1, 3, 20, 0.5];
    const rows = levels.map((l) => Array.from({ length: 150 }, (_, t) => l * WEEK[t % 7]));
    const truth = levels.map((l) => Array.from({ length: 28 }, (_, h) => l * WEEK[(150 + h) % 7]));
    const panel = panelFromRows(rows);
    const f = new GbtForecaster(SMALL);
    const report = await f.fit(panel, { target: 'quantity', horizon: 28 });
    expect(report.samples).toBeGreaterThan(1000);
    const forecasts = await f.predict({ panel, horizon: 28 });
    expect(
      wape(
        truth.flat(),
        forecasts.flatMap((x) => x.mean),
      ),
    ).toBeLessThan(0.03);
  });

  it('scales: the same shape at ten times the level forecasts ten times as much', async () => {
    const rows = [0, 1, 2].map((k) =>
      Array.from({ length: 120 }, (_, t) => (k + 1) * WEEK[(t + k) % 7] + (t % 5)),
    );
    const f = new GbtForecaster(SMALL);
    await f.fit(panelFromRows(rows), { target: 'quantity', horizon: 7 });
    const small = await f.predict({ panel: panelFromRows([rows[0]]), horizon: 7 });
    const big = await f.predict({ panel: panelFromRows([rows[0].map((v) => 10 * v)]), horizon: 7 });
    small[0].mean.forEach((v, i) => expect(big[0].mean[i]).toBeCloseTo(10 * v, 4));
  });

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
    const store = new MemoryBlobStore();
    await saveForecaster(f, store);
    const header = JSON.parse(new TextDecoder().decode(store.blobs.get('forecaster.json'))) as {
      params: Record<string, unknown>;
    };
    delete header.params.yearsBack;
    delete header.params.objective;
    await store.put('forecaster.json', new TextEncoder().encode(JSON.stringify(header)));
    const restored = await loadForecaster(store);
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
