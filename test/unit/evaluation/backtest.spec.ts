import { addDays } from '../../../src/data/dates.js';
import type { SeriesPanel } from '../../../src/data/series-panel.js';
import { BacktestErrorCode } from '../../../src/evaluation/backtest.errors.js';
import { backtestCutoffs, eligibleSeries, runBacktest } from '../../../src/evaluation/backtest.js';
import type { BacktestProgress } from '../../../src/evaluation/backtest.types.js';
import type {
  FitOptions,
  FitReport,
  FitStopReason,
  Forecast,
  Forecaster,
  PredictRequest,
} from '../../../src/forecasting/forecast.types.js';
import { createForecaster } from '../../../src/forecasting/forecaster.registry.js';
import type { ModelInputs } from '../../../src/forecasting/model-inputs.js';
import { clonePanel, panelFromRows, syntheticPanel } from '../../helpers/synthetic-panel.js';

/** The `code` of what `work` throws (undefined when it does not throw). */
function thrownCode(work: () => unknown): unknown {
  try {
    work();
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return undefined;
}

const DAYS = 70;
// A alternates 10/12 by day parity (seasonal-naive(7) MAE 2), one missing day at index 65.
const A = Array.from({ length: DAYS }, (_, t) => (t === 65 ? NaN : t % 2 === 0 ? 10 : 12));
// B is 4 every day but one before index 55: 55 observations at the first cutoff, 62 at the second.
const B = Array.from({ length: DAYS }, (_, t) => (t === 10 ? NaN : 4));
// C stops being listed after index 55: nothing to score in either window.
const C = Array.from({ length: DAYS }, (_, t) => (t > 55 ? NaN : 7));

interface Call {
  stage: 'fit' | 'predict';
  lastDate: string;
  cutoff: string | undefined;
  seriesIds?: string[];
}

/** Forecasts constants (mean 10, P10 5, P50 8, P90 12) and records what it was shown. */
class StubForecaster implements Forecaster {
  readonly kind = 'stub';
  readonly params = {};
  readonly capabilities = { covariates: false, probabilistic: false, minHistory: 1, neural: false };
  target: Forecaster['target'];
  horizon: number | undefined;

  constructor(
    readonly calls: Call[],
    private readonly drop?: string,
    /** What the stub's fit report says ended it (a neural fit's report carries one). */
    private readonly stoppedBy?: FitStopReason,
  ) {}

  fit(panel: SeriesPanel, opts: FitOptions): Promise<FitReport> {
    this.target = opts.target;
    this.horizon = opts.horizon;
    this.calls.push({
      stage: 'fit',
      lastDate: panel.dates[panel.dates.length - 1],
      cutoff: opts.cutoff,
    });
    return Promise.resolve({
      kind: 'stub',
      epochs: 0,
      trainLoss: [],
      valLoss: [],
      seconds: 0,
      samples: 1,
      samplesPerSec: 0,
      stoppedBy: this.stoppedBy,
    });
  }

  predict(req: PredictRequest): Promise<Forecast[]> {
    this.calls.push({
      stage: 'predict',
      lastDate: req.panel.dates[req.panel.dates.length - 1],
      cutoff: req.cutoff,
      seriesIds: req.seriesIds,
    });
    const ids = (req.seriesIds ?? req.panel.seriesIds).filter((id) => id !== this.drop);
    const cutoff = req.cutoff ?? req.panel.dates[req.panel.dates.length - 1];
    const row = (v: number): number[] => new Array<number>(req.horizon).fill(v);
    return Promise.resolve(
      ids.map((seriesId) => ({
        seriesId,
        dates: row(0).map((_, i) => addDays(cutoff, i + 1)),
        mean: row(10),
        quantiles: { p10: row(5), p50: row(8), p90: row(12) },
      })),
    );
  }

  toArtifacts(): Promise<string[]> {
    return Promise.resolve([]);
  }

  inputs(): ModelInputs {
    return {
      kind: this.kind,
      lookbackDays: null,
      features: {},
      calendar: [],
      panelColumns: [],
      scaling: 'none',
    };
  }

  create(): Forecaster {
    return new StubForecaster(this.calls, this.drop, this.stoppedBy);
  }

  dispose(): void {}
}

describe('backtest', () => {
  const panel = panelFromRows([A, B, C], '2024-01-01', ['A', 'B', 'C']);
  const quantity = panel.columns.get('quantity') ?? new Float32Array();

  it('places cutoffs at T − step·k, oldest first', () => {
    expect(backtestCutoffs(panel, 2, 7)).toEqual(['2024-02-25', '2024-03-03']);
    expect(backtestCutoffs(panel, 3, 7)).toEqual(['2024-02-18', '2024-02-25', '2024-03-03']);
    expect(thrownCode(() => backtestCutoffs(panel, 11, 7))).toBe(
      BacktestErrorCode.NotEnoughHistory,
    );
  });

  it('counts a series with 56 observations up to the cutoff, not one with 55, nor one without actuals', () => {
    expect(eligibleSeries(panel, quantity, 55, 7, 56)).toEqual([0]);
    expect(eligibleSeries(panel, quantity, 62, 7, 56)).toEqual([0, 1]);
    expect(eligibleSeries(panel, quantity, 55, 7, 55)).toEqual([0, 1]);
  });

  it('scores every observed day of every eligible series (P50 by default)', async () => {
    const calls: Call[] = [];
    const res = await runBacktest(panel, [{ forecaster: new StubForecaster(calls) }], {
      horizon: 7,
      windows: 2,
      includeBaseline: false,
    });
    const m = res.models[0];
    expect(res.cutoffs).toEqual(['2024-02-25', '2024-03-03']);
    expect(res.eligibleSeries).toEqual([1, 2]);
    expect(m.points).toBe(20);
    expect(m.series).toBe(2);
    expect(m.wape).toBeCloseTo(66 / 170, 12);
    expect(m.mase).toBeCloseTo(38 / 13 / 2, 12); // B has a zero scale and is left out
    expect(m.coverage_p10_p90).toBeCloseTo(13 / 20, 12);
    expect(m.by_horizon[1].wape).toBeCloseTo(10 / 26, 12);
    expect(m.by_horizon[7].points).toBe(3);
    expect(m.windows.map((w) => [w.cutoff, w.points, w.series])).toEqual([
      ['2024-02-25', 7, 1],
      ['2024-03-03', 13, 2],
    ]);
    expect(m.fits).toBe(2);
  });

  it('counts the fits the wall clock ended, only for models whose fits say what ended them', async () => {
    const run = (stoppedBy?: FitStopReason): Promise<number | undefined> =>
      runBacktest(panel, [{ forecaster: new StubForecaster([], undefined, stoppedBy) }], {
        horizon: 7,
        windows: 2,
        includeBaseline: false,
      }).then((r) => r.models[0].fits_out_of_time);
    expect(await run('time-budget')).toBe(2);
    expect(await run('early-stopping')).toBe(0);
    expect(await run()).toBeUndefined();
  });

  it('scores the mean instead when asked', async () => {
    const res = await runBacktest(panel, [{ forecaster: new StubForecaster([]) }], {
      horizon: 7,
      windows: 2,
      includeBaseline: false,
      point: 'mean',
    });
    expect(res.point).toBe('mean');
    expect(res.models[0].wape).toBeCloseTo(54 / 170, 12);
  });

  it('shows models only the panel up to each cutoff, and refits every k windows', async () => {
    const calls: Call[] = [];
    const res = await runBacktest(panel, [{ forecaster: new StubForecaster(calls) }], {
      horizon: 7,
      windows: 3,
      step: 7,
      refitEvery: 2,
      minObservations: 40,
      includeBaseline: false,
    });
    expect(calls.map((c) => [c.stage, c.lastDate, c.cutoff])).toEqual([
      ['fit', '2024-02-18', '2024-02-18'],
      ['predict', '2024-02-18', '2024-02-18'],
      ['predict', '2024-02-25', '2024-02-25'],
      ['fit', '2024-03-03', '2024-03-03'],
      ['predict', '2024-03-03', '2024-03-03'],
    ]);
    expect(calls[1].seriesIds).toEqual(['A', 'B', 'C']);
    expect(calls[4].seriesIds).toEqual(['A', 'B']);
    expect(res.models[0].fits).toBe(2);
    expect(res.models[0].windows.map((w) => w.refit)).toEqual([true, false, true]);
  });

  it('adds seasonal naive, ranks by WAPE and reports progress per window and model', async () => {
    const events: BacktestProgress[] = [];
    const res = await runBacktest(panel, [{ name: 'const', forecaster: new StubForecaster([]) }], {
      horizon: 7,
      windows: 2,
      onProgress: (p) => events.push(p),
    });
    expect(res.baseline).toBe('seasonal-naive');
    expect(res.models.map((m) => m.name)).toEqual(['seasonal-naive', 'const']);
    expect(res.leaderboard.map((r) => r.name).sort()).toEqual(['const', 'seasonal-naive']);
    const wapes = res.leaderboard.map((r) => r.wape);
    expect(wapes[0]).toBeLessThanOrEqual(wapes[1]);
    const base = res.leaderboard.find((r) => r.is_baseline);
    expect(base?.improvement_vs_baseline).toBe(0);
    expect(events.filter((e) => e.stage === 'scored')).toHaveLength(4);
    expect(events.map((e) => `${e.window}:${e.model}:${e.stage}`).slice(0, 3)).toEqual([
      '1:seasonal-naive:fit',
      '1:seasonal-naive:predict',
      '1:seasonal-naive:scored',
    ]);
    expect(events[events.length - 1].fraction).toBe(1);
  });

  it('fails loudly when a model skips an eligible series', async () => {
    await expect(
      runBacktest(panel, [{ forecaster: new StubForecaster([], 'B') }], {
        horizon: 7,
        windows: 2,
        includeBaseline: false,
      }),
    ).rejects.toMatchObject({ code: BacktestErrorCode.MissingForecast });
  });

  it('does not leak: values after a cutoff never change the forecasts from it', async () => {
    const base = syntheticPanel({ series: 6, days: 160 });
    const firstCutoff = base.dates.length - 1 - 2 * 14;
    const perturbed = clonePanel(base);
    const q = perturbed.columns.get('quantity') ?? new Float32Array();
    const days = base.dates.length;
    for (let s = 0; s < base.seriesIds.length; s++)
      for (let t = firstCutoff + 1; t < days; t++)
        if (!Number.isNaN(q[s * days + t])) q[s * days + t] = 3 * q[s * days + t] + 5;
    const models = async () => [
      { forecaster: await createForecaster('ets') },
      { forecaster: await createForecaster('linear') },
    ];
    const opts = { horizon: 14, windows: 2, keepForecasts: true };
    const a = await runBacktest(base, await models(), opts);
    const b = await runBacktest(perturbed, await models(), opts);
    const [c1, c2] = a.cutoffs;
    expect(c1).toBe(base.dates[firstCutoff]);
    for (const [i, m] of a.models.entries()) {
      expect(b.models[i].forecasts?.[c1]).toEqual(m.forecasts?.[c1]);
      expect(b.models[i].forecasts?.[c2]).not.toEqual(m.forecasts?.[c2]);
    }
  });
});
