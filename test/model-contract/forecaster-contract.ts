import { addDays } from '../../src/data/dates.js';
import type { SeriesPanel } from '../../src/data/series-panel.js';
import type {
  FitOptions,
  FitReport,
  Forecast,
  Forecaster,
} from '../../src/forecasting/forecast.types.js';
import { FORECASTER_HEADER_KEY } from '../../src/forecasting/forecaster-factory.js';
import { ForecasterErrorCode } from '../../src/forecasting/forecaster.errors.js';
import {
  createForecaster,
  loadForecaster,
  saveForecaster,
} from '../../src/forecasting/forecaster.registry.js';
import { MemoryBlobStore } from '../helpers/memory-blob-store.js';
import { clonePanel, syntheticPanel } from '../helpers/synthetic-panel.js';

export interface ContractOptions {
  /** Horizon of the contract fit (default 14). */
  horizon?: number;
  /** Extra fit options (epochs, seed, time budget...). */
  fitOptions?: Partial<Omit<FitOptions, 'target' | 'horizon'>>;
  /** The panel to fit on (default: syntheticPanel(), 12 series × 200 days). */
  panel?: () => SeriesPanel;
}

function observedUpTo(panel: SeriesPanel, s: number, lastIndex: number): number {
  const values = panel.columns.get('quantity');
  if (!values) throw new Error('panel without quantity');
  let n = 0;
  const days = panel.dates.length;
  for (let t = 0; t <= lastIndex; t++) if (!Number.isNaN(values[s * days + t])) n++;
  return n;
}

/**
 * The contract every forecaster kind passes (registers jest tests): fit on a small synthetic panel,
 * forecast shape and dates, ordered quantiles, no negative quantity, cutoff respected, explicit series,
 * shorter horizons, determinism, save → load equality. Neural kinds add tensor-count checks in their
 * own spec and call this too.
 */
export function runForecasterContract(
  kind: string,
  params?: Record<string, unknown>,
  options: ContractOptions = {},
): void {
  const horizon = options.horizon ?? 14;

  describe(`forecaster contract: ${kind}`, () => {
    let panel: SeriesPanel;
    let forecaster: Forecaster;
    let report: FitReport;
    let forecasts: Forecast[];
    let lastDate: string;

    beforeAll(async () => {
      panel = options.panel ? options.panel() : syntheticPanel();
      lastDate = panel.dates[panel.dates.length - 1];
      forecaster = await createForecaster(kind, params);
      report = await forecaster.fit(panel, {
        ...options.fitOptions,
        target: 'quantity',
        horizon,
      });
      forecasts = await forecaster.predict({ panel, horizon });
    });

    afterAll(() => forecaster?.dispose());

    it('reports its fit and remembers target and horizon', () => {
      expect(report.kind).toBe(kind);
      expect(report.seconds).toBeGreaterThanOrEqual(0);
      expect(report.samples).toBeGreaterThan(0);
      expect(forecaster.kind).toBe(kind);
      expect(forecaster.target).toBe('quantity');
      expect(forecaster.horizon).toBe(horizon);
      expect(forecaster.capabilities.minHistory).toBeGreaterThan(0);
    });

    it('forecasts every series with enough history and skips the others', () => {
      const last = panel.dates.length - 1;
      const expected = panel.seriesIds.filter(
        (_, s) => observedUpTo(panel, s, last) >= forecaster.capabilities.minHistory,
      );
      expect(forecasts.map((f) => f.seriesId).sort()).toEqual([...expected].sort());
      expect(expected.length).toBeGreaterThanOrEqual(panel.seriesIds.length - 1);
    });

    it('gives the horizon days after the cutoff, with mean and P10/P50/P90 for each', () => {
      const dates = Array.from({ length: horizon }, (_, i) => addDays(lastDate, i + 1));
      for (const f of forecasts) {
        expect(f.dates).toEqual(dates);
        for (const row of [f.mean, f.quantiles.p10, f.quantiles.p50, f.quantiles.p90]) {
          expect(row).toHaveLength(horizon);
          expect(row.every((v) => Number.isFinite(v))).toBe(true);
        }
      }
    });

    it('orders quantiles and never forecasts a negative quantity', () => {
      for (const { mean, quantiles: q } of forecasts)
        for (let i = 0; i < horizon; i++) {
          expect(q.p10[i]).toBeLessThanOrEqual(q.p50[i]);
          expect(q.p50[i]).toBeLessThanOrEqual(q.p90[i]);
          expect(Math.min(q.p10[i], mean[i])).toBeGreaterThanOrEqual(0);
        }
      const width = forecasts.reduce((w, f) => w + f.quantiles.p90[0] - f.quantiles.p10[0], 0);
      expect(width).toBeGreaterThan(0);
    });

    it('forecasts from an earlier cutoff without looking past it', async () => {
      const cutoffIndex = panel.dates.length - 30;
      const cutoff = panel.dates[cutoffIndex];
      const perturbed = clonePanel(panel);
      const q = perturbed.columns.get('quantity');
      if (!q) throw new Error('panel without quantity');
      const days = panel.dates.length;
      for (let s = 0; s < panel.seriesIds.length; s++)
        for (let t = cutoffIndex + 1; t < days; t++)
          if (!Number.isNaN(q[s * days + t])) q[s * days + t] = 1000 + t;
      const a = await forecaster.predict({ panel, cutoff, horizon });
      const b = await forecaster.predict({ panel: perturbed, cutoff, horizon });
      expect(a.length).toBeGreaterThan(0);
      expect(a[0].dates[0]).toBe(addDays(cutoff, 1));
      expect(b).toEqual(a);
    });

    it('forecasts the series asked for, and rejects an unknown one', async () => {
      const ids = [forecasts[1].seriesId, forecasts[0].seriesId];
      const some = await forecaster.predict({ panel, horizon, seriesIds: ids });
      expect(some.map((f) => f.seriesId).sort()).toEqual([...ids].sort());
      await expect(
        forecaster.predict({ panel, horizon, seriesIds: ['no-such-series'] }),
      ).rejects.toMatchObject({ code: ForecasterErrorCode.UnknownSeries });
    });

    it('gives the first steps of the full path for a shorter horizon', async () => {
      const short = await forecaster.predict({ panel, horizon: 7 });
      expect(short.map((f) => f.seriesId)).toEqual(forecasts.map((f) => f.seriesId));
      short.forEach((f, i) => {
        expect(f.dates).toEqual(forecasts[i].dates.slice(0, 7));
        expect(f.quantiles.p50).toEqual(forecasts[i].quantiles.p50.slice(0, 7));
      });
    });

    it('repeats itself: the same request gives the same forecasts', async () => {
      expect(await forecaster.predict({ panel, horizon })).toEqual(forecasts);
    });

    it('saves and loads: the restored model forecasts the same', async () => {
      const store = new MemoryBlobStore();
      const keys = await saveForecaster(forecaster, store);
      expect(keys).toContain(FORECASTER_HEADER_KEY);
      const header = JSON.parse(
        new TextDecoder().decode(store.blobs.get(FORECASTER_HEADER_KEY)),
      ) as Record<string, unknown>;
      expect(header).toMatchObject({ kind, target: 'quantity', horizon });
      const loaded = await loadForecaster(store);
      try {
        expect(loaded.kind).toBe(kind);
        expect(loaded.params).toEqual(forecaster.params);
        expect(await loaded.predict({ panel, horizon })).toEqual(forecasts);
      } finally {
        loaded.dispose();
      }
    });

    it('creates an untrained copy with the same params that cannot predict yet', async () => {
      const copy = forecaster.create();
      try {
        expect(copy.kind).toBe(kind);
        expect(copy.params).toEqual(forecaster.params);
        await expect(copy.predict({ panel, horizon })).rejects.toThrow();
      } finally {
        copy.dispose();
      }
    });
  });
}
