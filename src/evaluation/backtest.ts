import { addDays } from '../data/dates.js';
import type { SeriesPanel, Target } from '../data/series-panel.js';
import type { Forecast, Forecaster } from '../forecasting/forecast.types.js';
import { BASELINE_KIND, createForecaster } from '../forecasting/forecaster.registry.js';
import { BacktestError, BacktestErrorCode } from './backtest.errors.js';
import type {
  BacktestModel,
  BacktestOptions,
  BacktestProgress,
  BacktestResult,
  ModelBacktest,
  PointForecastChoice,
  WindowScore,
} from './backtest.types.js';
import { buildLeaderboard } from './leaderboard.js';
import { seasonalNaiveMae } from './metrics.js';
import { truncatePanel } from './panel-truncation.js';
import { ScoreSheet } from './score-sheet.js';

export const DEFAULT_REPORT_STEPS = [1, 7, 14, 28];

/** One rolling origin: the cutoff, and the series that count in its window. */
export interface BacktestWindow {
  cutoff: string;
  cutoffIndex: number;
  /** Indices of the eligible series. */
  series: number[];
}

/**
 * Rolling-origin cutoffs: T − step·k for k = windows..1 (chronological), T the panel's last date.
 * A cutoff before the panel's first date is NOT_ENOUGH_HISTORY.
 */
export function backtestCutoffs(panel: SeriesPanel, windows: number, step: number): string[] {
  const last = panel.dates.length - 1;
  const out: string[] = [];
  for (let k = windows; k >= 1; k--) {
    const index = last - step * k;
    if (index < 0)
      throw new BacktestError(
        BacktestErrorCode.NotEnoughHistory,
        `The panel has ${panel.dates.length} days: too few for ${windows} windows ${step} days apart`,
        { days: panel.dates.length, windows, step },
      );
    out.push(panel.dates[index]);
  }
  return out;
}

/**
 * Series that count in the window after `cutoffIndex`: ≥ minObservations observed days up to the
 * cutoff and ≥ 1 observed day in (cutoff, cutoff + horizon].
 */
export function eligibleSeries(
  panel: SeriesPanel,
  values: Float32Array,
  cutoffIndex: number,
  horizon: number,
  minObservations: number,
): number[] {
  const days = panel.dates.length;
  const out: number[] = [];
  for (let s = 0; s < panel.seriesIds.length; s++) {
    const base = s * days;
    let before = 0;
    for (let t = 0; t <= cutoffIndex; t++) if (!Number.isNaN(values[base + t])) before++;
    if (before < minObservations) continue;
    let inside = 0;
    for (let t = cutoffIndex + 1; t <= Math.min(days - 1, cutoffIndex + horizon); t++)
      if (!Number.isNaN(values[base + t])) inside++;
    if (inside > 0) out.push(s);
  }
  return out;
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new BacktestError(
      BacktestErrorCode.InvalidOptions,
      `${name} must be a positive integer, got ${v}`,
      {
        [name]: v,
      },
    );
  return v;
}

function modelNames(models: BacktestModel[]): string[] {
  const seen = new Map<string, number>();
  return models.map((m) => {
    const base = m.name ?? m.forecaster.kind;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}

interface ModelRun {
  name: string;
  model: BacktestModel;
  current: Forecaster | undefined;
  sheet: ScoreSheet;
  windows: WindowScore[];
  fitSeconds: number;
  fits: number;
  /** Undefined until a fit reports what ended it. */
  fitsOutOfTime: number | undefined;
  predictSeconds: number;
  forecasts: Record<string, Forecast[]>;
}

/** What every (window, model) step shares. */
interface WindowContext {
  panel: SeriesPanel;
  values: Float32Array;
  target: Target;
  horizon: number;
  point: PointForecastChoice;
  win: BacktestWindow;
  /** 0-based, chronological. */
  index: number;
  /** The panel cut at the window's cutoff: all a model sees. */
  visible: SeriesPanel;
  /** MASE denominator per eligible series. */
  scales: Map<string, number>;
  opts: BacktestOptions;
}

interface ResolvedOptions {
  target: Target;
  horizon: number;
  windows: number;
  step: number;
  refitEvery: number;
  point: PointForecastChoice;
  minObservations: number;
  reportSteps: number[];
}

function resolveOptions(opts: BacktestOptions): ResolvedOptions {
  const horizon = positiveInt('horizon', opts.horizon ?? 28);
  return {
    target: opts.target ?? 'quantity',
    horizon,
    windows: positiveInt('windows', opts.windows ?? 3),
    step: positiveInt('step', opts.step ?? horizon),
    refitEvery: positiveInt('refitEvery', opts.refitEvery ?? 1),
    point: opts.point ?? 'p50',
    minObservations: opts.minObservations ?? 56,
    reportSteps: (opts.reportSteps ?? DEFAULT_REPORT_STEPS).filter((h) => h <= horizon),
  };
}

/**
 * Rolling-origin backtest of any Forecasters (README.md, "How models are evaluated"). For each cutoff, in
 * chronological order, every model is refitted from `forecaster.create()` on a copy of the panel cut
 * at the cutoff (nothing later can leak in), then forecasts the eligible series from that cutoff; each
 * observed day in (cutoff, cutoff + H] is scored with the chosen point value (P50 by default).
 * WAPE = Σ|e| / Σ|y| over all scored points of all windows. Seasonal naive is added unless present.
 */
export async function runBacktest(
  panel: SeriesPanel,
  models: BacktestModel[],
  opts: BacktestOptions = {},
): Promise<BacktestResult> {
  const o = resolveOptions(opts);
  const values = panel.columns.get(o.target);
  if (!values)
    throw new BacktestError(
      BacktestErrorCode.InvalidOptions,
      `The panel has no '${o.target}' column`,
      {
        target: o.target,
      },
    );
  const all = [...models];
  if ((opts.includeBaseline ?? true) && !all.some((m) => m.forecaster.kind === BASELINE_KIND))
    all.unshift({ forecaster: await createForecaster(BASELINE_KIND) });
  if (all.length === 0)
    throw new BacktestError(BacktestErrorCode.InvalidOptions, 'No model to backtest');

  const cutoffs = backtestCutoffs(panel, o.windows, o.step);
  const days = panel.dates.length;
  const plan: BacktestWindow[] = cutoffs.map((cutoff, i) => {
    const cutoffIndex = days - 1 - o.step * (o.windows - i);
    return {
      cutoff,
      cutoffIndex,
      series: eligibleSeries(panel, values, cutoffIndex, o.horizon, o.minObservations),
    };
  });
  const runs: ModelRun[] = modelNames(all).map((name, i) => ({
    name,
    model: all[i],
    current: undefined,
    sheet: new ScoreSheet(),
    windows: [],
    fitSeconds: 0,
    fits: 0,
    fitsOutOfTime: undefined,
    predictSeconds: 0,
    forecasts: {},
  }));
  let done = 0;
  try {
    for (const [index, win] of plan.entries()) {
      const scales = new Map(
        win.series.map((s) => [
          panel.seriesIds[s],
          seasonalNaiveMae(values.subarray(s * days, s * days + win.cutoffIndex + 1)),
        ]),
      );
      const ctx: WindowContext = {
        ...o,
        panel,
        values,
        win,
        index,
        visible: truncatePanel(panel, win.cutoffIndex),
        scales,
        opts,
      };
      for (const [m, run] of runs.entries()) {
        const progress = (stage: BacktestProgress['stage']): void =>
          opts.onProgress?.({
            model: run.name,
            modelIndex: m + 1,
            models: runs.length,
            window: index + 1,
            windows: plan.length,
            cutoff: win.cutoff,
            stage,
            fraction: done / (plan.length * runs.length),
          });
        await runWindow(ctx, run, index % o.refitEvery === 0, progress);
        done++;
        progress('scored');
      }
    }
  } finally {
    for (const run of runs) run.current?.dispose();
  }

  const results = runs.map((run) => modelResult(run, o.reportSteps, opts.keepForecasts === true));
  const baseline = runs.find((r) => r.model.forecaster.kind === BASELINE_KIND)?.name ?? '';
  return {
    target: o.target,
    horizon: o.horizon,
    step: o.step,
    point: o.point,
    minObservations: o.minObservations,
    cutoffs,
    eligibleSeries: plan.map((p) => p.series.length),
    baseline,
    models: results,
    leaderboard: buildLeaderboard(results, baseline),
  };
}

/** One model in one window: (re)fit when due, forecast the eligible series, score them. */
async function runWindow(
  ctx: WindowContext,
  run: ModelRun,
  refitDue: boolean,
  progress: (stage: BacktestProgress['stage']) => void,
): Promise<void> {
  const { win } = ctx;
  let forecaster = run.current;
  const refit = forecaster === undefined || refitDue;
  if (forecaster === undefined || refit) {
    progress('fit');
    forecaster?.dispose();
    forecaster = run.model.forecaster.create();
    run.current = forecaster;
    const started = performance.now();
    const report = await forecaster.fit(ctx.visible, {
      ...ctx.opts.fitOptions,
      ...run.model.fitOptions,
      target: ctx.target,
      horizon: ctx.horizon,
      cutoff: win.cutoff,
    });
    run.fitSeconds += (performance.now() - started) / 1000;
    run.fits++;
    if (report.stoppedBy !== undefined)
      run.fitsOutOfTime = (run.fitsOutOfTime ?? 0) + (report.stoppedBy === 'time-budget' ? 1 : 0);
  }
  progress('predict');
  const ids = win.series.map((s) => ctx.panel.seriesIds[s]);
  const started = performance.now();
  const forecasts =
    ids.length === 0
      ? []
      : await forecaster.predict({
          panel: ctx.visible,
          cutoff: win.cutoff,
          horizon: ctx.horizon,
          seriesIds: ids,
        });
  run.predictSeconds += (performance.now() - started) / 1000;
  const windowSheet = new ScoreSheet();
  scoreWindow(ctx, forecasts, run.name, [run.sheet, windowSheet]);
  const summary = windowSheet.summary();
  run.windows.push({
    cutoff: win.cutoff,
    refit,
    wape: summary.wape,
    bias: summary.bias,
    coverage_p10_p90: summary.coverage_p10_p90,
    points: summary.points,
    series: summary.series,
  });
  if (ctx.opts.keepForecasts) run.forecasts[win.cutoff] = forecasts;
}

function modelResult(run: ModelRun, reportSteps: number[], keepForecasts: boolean): ModelBacktest {
  return {
    name: run.name,
    kind: run.model.forecaster.kind,
    params: { ...run.model.forecaster.params },
    ...run.sheet.summary(),
    fit_seconds: run.fitSeconds,
    fits: run.fits,
    ...(run.fitsOutOfTime !== undefined ? { fits_out_of_time: run.fitsOutOfTime } : {}),
    predict_seconds: run.predictSeconds,
    by_horizon: Object.fromEntries(reportSteps.map((h) => [h, run.sheet.summary(h)])),
    windows: run.windows,
    ...(keepForecasts ? { forecasts: run.forecasts } : {}),
  };
}

/** Scores one model's forecasts for one window into the given sheets. */
function scoreWindow(
  ctx: WindowContext,
  forecasts: Forecast[],
  model: string,
  sheets: ScoreSheet[],
): void {
  const { panel, values, win, horizon, point, scales } = ctx;
  const days = panel.dates.length;
  const byId = new Map(forecasts.map((f) => [f.seriesId, f]));
  for (const s of win.series) {
    const id = panel.seriesIds[s];
    const f = byId.get(id);
    if (!f || f.dates.length < horizon || f.dates[0] !== addDays(win.cutoff, 1))
      throw new BacktestError(
        BacktestErrorCode.MissingForecast,
        `${model} gave no ${horizon}-day forecast from ${win.cutoff} for eligible series '${id}'`,
        { model, seriesId: id, cutoff: win.cutoff },
      );
    const scale = scales.get(id) ?? NaN;
    for (let h = 1; h <= horizon && win.cutoffIndex + h < days; h++) {
      const actual = values[s * days + win.cutoffIndex + h];
      if (Number.isNaN(actual)) continue;
      const p = {
        seriesId: id,
        step: h,
        actual,
        point: point === 'p50' ? f.quantiles.p50[h - 1] : f.mean[h - 1],
        p10: f.quantiles.p10[h - 1],
        p50: f.quantiles.p50[h - 1],
        p90: f.quantiles.p90[h - 1],
        maseScale: scale,
      };
      for (const sheet of sheets) sheet.add(p);
    }
  }
}
