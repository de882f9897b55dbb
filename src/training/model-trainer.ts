import { runBacktest } from '../evaluation/backtest.js';
import { buildModelReference } from '../monitoring/drift/reference-distribution.js';
import type { ModelBacktest } from '../evaluation/backtest.types.js';
import { BASELINE_KIND, createForecaster } from '../forecasting/forecaster.registry.js';
import type { FitOptions } from '../forecasting/forecast.types.js';
import type { BacktestMetrics } from '../registry/model-manifest.schema.js';
import { packageVersion } from '../common/package-info.js';
import { panelFingerprint } from '../data/data-fingerprint.js';
import { TrainingBudget } from './training-budget.js';
import type { TrainOutcome, TrainRequest } from './training.types.js';

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

/** The registry's backtest metrics of a model against the seasonal-naive baseline of the same run. */
export function backtestMetrics(
  model: ModelBacktest,
  baseline: ModelBacktest,
  horizon: number,
  windows: number,
  step: number,
): BacktestMetrics {
  return {
    wape: finite(model.wape),
    coverage_p10_p90: Math.min(1, finite(model.coverage_p10_p90)),
    seasonal_naive_wape: finite(baseline.wape),
    mase: finite(model.mase),
    protocol: { horizon, windows, step },
    bias: Number.isFinite(model.bias) ? model.bias : null,
    rmse: Number.isFinite(model.rmse) ? model.rmse : null,
    smape: Number.isFinite(model.smape) ? model.smape : null,
    points: model.points,
    series: model.series,
  };
}

/**
 * Trains one model the way the registry expects: a rolling-origin backtest against seasonal naive
 * (same protocol as every other candidate), then a final fit on all the data, and the manifest
 * describing both. The caller registers it (`registerTrainedModel`).
 */
export async function trainModel(req: TrainRequest): Promise<TrainOutcome> {
  const now = req.now ?? (() => performance.now());
  const t0 = now();
  const template = await createForecaster(req.kind, req.params);
  const backtestFits = req.backtest
    ? Math.ceil(req.backtest.windows / (req.backtest.refitEvery ?? 1))
    : 0;
  const budget =
    req.budgetSec === undefined
      ? null
      : new TrainingBudget(req.budgetSec, backtestFits, now, req.timeBudgetSec);
  const fitOptions: Omit<FitOptions, 'target' | 'horizon'> = {
    epochs: req.epochs,
    timeBudgetSec: budget ? budget.backtestFit : req.timeBudgetSec,
    seed: req.seed,
  };
  let backtest: TrainOutcome['backtest'] = null;
  let metrics: BacktestMetrics | null = null;
  try {
    if (req.backtest) {
      const windows = req.backtest.windows;
      const step = req.backtest.step ?? req.horizon;
      const result = await runBacktest(req.panel, [{ forecaster: template, fitOptions }], {
        target: req.target,
        horizon: req.horizon,
        windows,
        step,
        refitEvery: req.backtest.refitEvery ?? 1,
        onProgress: (p) =>
          req.onStage?.(
            'backtest',
            p.fraction,
            `${p.model} window ${p.window}/${p.windows} ${p.stage}`,
          ),
      });
      const model = result.models.find((m) => m.kind === req.kind) ?? result.models[0];
      const baseline = result.models.find((m) => m.name === result.baseline) ?? model;
      backtest = { model, baseline, cutoffs: result.cutoffs };
      metrics = backtestMetrics(model, baseline, req.horizon, windows, step);
    }
    req.onStage?.('fit', 0, `fitting ${req.kind} on all data`);
    const forecaster = template.create();
    const fit = await forecaster.fit(req.panel, {
      ...fitOptions,
      ...(budget ? { timeBudgetSec: budget.finalFit() } : {}),
      target: req.target,
      horizon: req.horizon,
      onProgress: req.onFitProgress,
    });
    // Reference distributions for drift checks: the features' recent values and the model's own
    // forecasts from the end of its training data.
    const reference = buildModelReference(
      req.panel,
      await forecaster.predict({ panel: req.panel, horizon: req.horizon }),
    );
    req.onStage?.('done', 1, `${req.kind} trained in ${fit.seconds.toFixed(1)} s`);
    const dates = req.panel.dates;
    const seconds = (now() - t0) / 1000;
    return {
      forecaster,
      fit,
      backtest,
      seconds,
      manifest: {
        target: req.target,
        kind: req.kind,
        params: forecaster.params,
        paramsSource: req.paramsSource
          ? { origin: 'tune', ...req.paramsSource }
          : { origin: req.params && Object.keys(req.params).length > 0 ? 'request' : 'defaults' },
        horizon: req.horizon,
        // Exactly what the fitted model reads, declared by the code that builds its inputs.
        featureSpec: { inputs: forecaster.inputs() },
        state: {
          fit: {
            epochs: fit.epochs,
            seconds: fit.seconds,
            samples: fit.samples,
            samplesPerSec: fit.samplesPerSec,
            stoppedBy: fit.stoppedBy ?? null,
            calibration: fit.calibration ?? null,
            // An ensemble: each member's own fit (what ended a neural member's training, its time).
            ...(fit.members
              ? {
                  members: fit.members.map((m) => ({
                    kind: m.kind,
                    epochs: m.epochs,
                    seconds: m.seconds,
                    stoppedBy: m.stoppedBy ?? null,
                  })),
                }
              : {}),
          },
          baselineKind: BASELINE_KIND,
          ...(forecaster.fittedSummary ? { model: forecaster.fittedSummary() } : {}),
          reference,
        },
        training: {
          start: dates[0],
          end: dates[dates.length - 1],
          fingerprint: panelFingerprint(req.panel, req.target),
          series: req.panel.seriesIds.length,
          seconds,
          ...(req.budgetSec === undefined ? {} : { budgetSec: req.budgetSec }),
        },
        backtest: metrics,
        codeVersion: packageVersion(),
      },
    };
  } finally {
    template.dispose();
  }
}
