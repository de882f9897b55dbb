import { dateRange, addDays, isoDayOfWeek } from '../../src/data/dates.js';
import type { SeriesPanel } from '../../src/data/series-panel.js';
import type { FitProgress, Forecast } from '../../src/forecasting/forecast.types.js';
import { FORECASTER_HEADER_KEY } from '../../src/forecasting/forecaster-factory.js';
import { ForecasterErrorCode } from '../../src/forecasting/forecaster.errors.js';
import { loadForecaster, saveForecaster } from '../../src/forecasting/forecaster.registry.js';
import { factory as mlp } from '../../src/forecasting/models/mlp.model.js';
import { factory as seasonalNaive } from '../../src/forecasting/models/seasonal-naive.model.js';
import { memberSeed } from '../../src/forecasting/neural/member-training.js';
import { mulberry32 } from '../../src/forecasting/neural/seeded-random.js';
import { initTfBackend } from '../../src/forecasting/tf/tf-backend.js';
import { MemoryBlobStore } from '../helpers/memory-blob-store.js';
import { syntheticPanel, WEEKDAY_FACTORS } from '../helpers/synthetic-panel.js';

const SMALL = { units: [32], members: 1 };
const memberSeedStep = memberSeed(0, 1);

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
}

/** Every series listed every day: level × weekday factor × exp(σ·N(0,1)), σ known. */
function knownNoisePanel(series: number, days: number, sigma: number, seed: number): SeriesPanel {
  const random = mulberry32(seed);
  const dates = dateRange('2022-01-03', addDays('2022-01-03', days - 1));
  const q = new Float32Array(series * days);
  for (let s = 0; s < series; s++) {
    const level = 5 + 30 * random();
    for (let t = 0; t < days; t++) {
      const w = WEEKDAY_FACTORS[isoDayOfWeek(dates[t]) - 1];
      q[s * days + t] = level * w * Math.exp(sigma * normal(random));
    }
  }
  return {
    seriesIds: Array.from({ length: series }, (_, s) => `K${s}`),
    dates,
    columns: new Map([['quantity', q]]),
    listed: new Uint8Array(series * days).fill(1),
    statics: {
      name: dates.slice(0, series).map(() => ''),
      categoryCode: Array.from({ length: series }, (_, s) => `C${s % 2}`),
      categoryName: Array.from({ length: series }, (_, s) => `C${s % 2}`),
      lossRate: new Float32Array(series).fill(0.1),
    },
    source: 'long',
  };
}

/** P50 WAPE and P10–P90 coverage of forecasts against the panel's actuals. */
function score(
  panel: SeriesPanel,
  forecasts: Forecast[],
  cutoffIndex: number,
): { wape: number; coverage: number } {
  const q = panel.columns.get('quantity') as Float32Array;
  const days = panel.dates.length;
  let err = 0;
  let sum = 0;
  let inside = 0;
  let n = 0;
  for (const f of forecasts) {
    const s = panel.seriesIds.indexOf(f.seriesId);
    f.dates.forEach((_, h) => {
      const y = q[s * days + cutoffIndex + 1 + h];
      if (Number.isNaN(y)) return;
      err += Math.abs(y - f.quantiles.p50[h]);
      sum += Math.abs(y);
      if (y >= f.quantiles.p10[h] && y <= f.quantiles.p90[h]) inside += 1;
      n += 1;
    });
  }
  return { wape: err / sum, coverage: inside / n };
}

describe('NeuralForecaster (mlp)', () => {
  beforeAll(async () => {
    await initTfBackend('wasm');
  });

  const panel = syntheticPanel({ series: 8, days: 150, seed: 21 });

  it('is reproducible: the same seed gives the same forecasts, another seed others', async () => {
    const run = async (seed: number): Promise<Forecast[]> => {
      const f = mlp.create(SMALL);
      try {
        await f.fit(panel, { target: 'quantity', horizon: 7, epochs: 2, seed });
        return await f.predict({ panel, horizon: 7 });
      } finally {
        f.dispose();
      }
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(await run(6)).not.toEqual(a);
  });

  it('averages ensemble members trained with successive seeds', async () => {
    const fitMean = async (params: Record<string, unknown>, seed: number) => {
      const f = mlp.create({ ...SMALL, ...params });
      try {
        const report = await f.fit(panel, { target: 'quantity', horizon: 7, epochs: 2, seed });
        const out = await f.predict({ panel, horizon: 7 });
        return { report, means: out.flatMap((x) => x.mean) };
      } finally {
        f.dispose();
      }
    };
    const both = await fitMean({ members: 2 }, 5);
    const a = await fitMean({}, 5);
    const b = await fitMean({}, 5 + memberSeedStep);
    expect(both.report.epochs).toBe(4);
    expect(both.report.trainLoss).toHaveLength(4);
    // where neither member's mean was clipped at 0, the ensemble's mean is the members' average
    // (two epochs leave many means at 0: a quarter of the days is enough points to check)
    const unclipped = a.means.map((_, i) => i).filter((i) => a.means[i] > 0 && b.means[i] > 0);
    expect(unclipped.length).toBeGreaterThan(a.means.length / 4);
    for (const i of unclipped) expect(both.means[i]).toBeCloseTo((a.means[i] + b.means[i]) / 2, 3);
  });

  it('reports progress once per epoch and stops early when validation stops improving', async () => {
    const seen: FitProgress[] = [];
    const f = mlp.create({ ...SMALL, patience: 1, learningRate: 0.05 });
    try {
      const report = await f.fit(panel, {
        target: 'quantity',
        horizon: 7,
        epochs: 40,
        seed: 1,
        onProgress: (p) => seen.push(p),
      });
      expect(report.epochs).toBeLessThan(40);
      expect(seen.map((p) => p.epoch)).toEqual(
        Array.from({ length: report.epochs }, (_, i) => i + 1),
      );
      for (const p of seen) {
        expect(p.epochs).toBe(40);
        expect(Number.isFinite(p.loss)).toBe(true);
        expect(Number.isFinite(p.valLoss)).toBe(true);
        expect(p.samplesPerSec).toBeGreaterThan(0);
        expect(p.etaSec).toBeGreaterThanOrEqual(0);
      }
      // patience 1: the last epoch did not improve on the one before
      const v = report.valLoss;
      expect(v[v.length - 1]).toBeGreaterThanOrEqual(Math.min(...v.slice(0, -1)));
    } finally {
      f.dispose();
    }
  });

  it('stops training when the time budget is spent', async () => {
    const f = mlp.create(SMALL);
    try {
      const report = await f.fit(panel, {
        target: 'quantity',
        horizon: 7,
        epochs: 50,
        timeBudgetSec: 1e-6,
      });
      expect(report.epochs).toBe(1);
      expect(report.samples).toBeGreaterThan(0);
      expect((await f.predict({ panel, horizon: 7 })).length).toBeGreaterThan(0);
    } finally {
      f.dispose();
    }
  });

  it('rejects bad requests with typed errors', async () => {
    // Training params are refused when the model is created, before any fit.
    let refused: unknown;
    try {
      mlp.create({ ...SMALL, epochs: 'many' });
    } catch (err) {
      refused = err;
    }
    expect(refused).toMatchObject({ code: ForecasterErrorCode.InvalidParams });
    expect(() => mlp.create({ ...SMALL, lookback: -1 })).toThrow(/mlp: 'lookback'/);
    const g = mlp.create(SMALL);
    await expect(g.fit(panel, { target: 'quantity', horizon: 61 })).rejects.toMatchObject({
      code: ForecasterErrorCode.InvalidParams,
    });
    await expect(
      g.fit(panel, { target: 'quantity', horizon: 7, cutoff: '1999-01-01' }),
    ).rejects.toMatchObject({
      code: ForecasterErrorCode.InvalidCutoff,
    });
    await expect(g.predict({ panel, horizon: 7 })).rejects.toMatchObject({
      code: ForecasterErrorCode.NotFitted,
    });
    await g.fit(panel, { target: 'quantity', horizon: 7, epochs: 1 });
    await expect(g.predict({ panel, horizon: 8 })).rejects.toMatchObject({
      code: ForecasterErrorCode.HorizonExceedsFit,
    });
    g.dispose();
  });

  it('restores a model saved before the future inputs were listed (the seven legacy ones)', async () => {
    const f = mlp.create({ ...SMALL, festivalDays: 0 });
    const store = new MemoryBlobStore();
    try {
      await f.fit(panel, { target: 'quantity', horizon: 7, epochs: 1, seed: 3 });
      const before = await f.predict({ panel, horizon: 7 });
      await saveForecaster(f, store);
      const raw = store.blobs.get(FORECASTER_HEADER_KEY);
      if (!raw) throw new Error('no header saved');
      const header = JSON.parse(new TextDecoder().decode(raw)) as {
        state: Record<string, unknown>;
      };
      expect(header.state.futureCalendar).toHaveLength(7);
      delete header.state.futureCalendar; // as saved by earlier versions
      store.blobs.set(FORECASTER_HEADER_KEY, new TextEncoder().encode(JSON.stringify(header)));
      const loaded = await loadForecaster(store);
      try {
        expect(await loaded.predict({ panel, horizon: 7 })).toEqual(before);
      } finally {
        loaded.dispose();
      }
      header.state.futureCalendar = ['dow_sin', 'no_such_day'];
      store.blobs.set(FORECASTER_HEADER_KEY, new TextEncoder().encode(JSON.stringify(header)));
      await expect(loadForecaster(store)).rejects.toMatchObject({
        code: ForecasterErrorCode.InvalidArtifact,
      });
    } finally {
      f.dispose();
    }
  });

  it('trains on prices too (missing on days without sales)', async () => {
    const f = mlp.create(SMALL);
    try {
      await f.fit(panel, { target: 'price', horizon: 7, epochs: 10, learningRate: 0.01, seed: 1 });
      expect(f.target).toBe('price');
      const out = await f.predict({ panel, horizon: 7 });
      expect(out.length).toBeGreaterThan(0);
      const prices = panel.columns.get('price') as Float32Array;
      const days = panel.dates.length;
      for (const x of out) {
        const s = panel.seriesIds.indexOf(x.seriesId);
        const recent = Array.from(prices.subarray(s * days + days - 60, (s + 1) * days)).filter(
          (v) => !Number.isNaN(v),
        );
        const level = recent.reduce((a, b) => a + b, 0) / recent.length;
        const p50 = x.quantiles.p50.reduce((a, b) => a + b, 0) / x.quantiles.p50.length;
        expect(p50 / level).toBeGreaterThan(0.7);
        expect(p50 / level).toBeLessThan(1.3);
      }
    } finally {
      f.dispose();
    }
  });
});

describe('NeuralForecaster on data with known noise', () => {
  const H = 14;
  const data = knownNoisePanel(30, 330, 0.35, 4);
  const cutoffIndex = data.dates.length - 1 - H;
  const cutoff = data.dates[cutoffIndex];

  beforeAll(async () => {
    await initTfBackend('wasm');
  });

  it('calibrates the P10–P90 band to ≈ 80 % on the next days, and beats seasonal naive', async () => {
    const f = mlp.create({ units: [64, 64], members: 1 });
    const naive = seasonalNaive.create();
    try {
      const report = await f.fit(data, {
        target: 'quantity',
        horizon: H,
        cutoff,
        epochs: 8,
        seed: 2,
      });
      expect(report.calibration?.points).toBeGreaterThan(1000);
      expect(report.calibration?.coverageAfter).toBeGreaterThan(0.75);
      expect(report.calibration?.coverageAfter).toBeLessThan(0.85);
      const ours = score(data, await f.predict({ panel: data, cutoff, horizon: H }), cutoffIndex);
      expect(ours.coverage).toBeGreaterThan(0.7);
      expect(ours.coverage).toBeLessThan(0.9);
      await naive.fit(data, { target: 'quantity', horizon: H, cutoff });
      const base = score(
        data,
        await naive.predict({ panel: data, cutoff, horizon: H }),
        cutoffIndex,
      );
      // with log-normal noise of σ = 0.35, the last same weekday is a noisy estimate of the level
      expect(ours.wape).toBeLessThan(0.8 * base.wape);
    } finally {
      f.dispose();
      naive.dispose();
    }
  });
});
