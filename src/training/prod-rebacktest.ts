import type { SeriesPanel } from '../data/series-panel.js';
import { panelFingerprint } from '../data/data-fingerprint.js';
import { runBacktest } from '../evaluation/backtest.js';
import { createForecaster } from '../forecasting/forecaster.registry.js';
import type { Target } from '../common/targets.js';
import type { BacktestMetrics, ModelManifest } from '../registry/model-manifest.schema.js';
import type { ProdReference } from '../registry/model-registry.types.js';
import { backtestMetrics } from './model-trainer.js';

export interface RebacktestOptions {
  /** Backtest protocol to follow (the candidate's, so the gates may compare). */
  protocol: BacktestMetrics['protocol'];
  refitEvery: number;
  /** Fit time budget per fit, seconds: bounds what the extra backtest costs. */
  timeBudgetSec: number;
  seed?: number;
}

/**
 * Backtests a registered model's kind and params again on `panel` (the current data) with the
 * given protocol: what the promotion gates compare a candidate trained on this data with, when
 * the model's own backtest ran on other data.
 */
export async function rebacktestOnPanel(
  panel: SeriesPanel,
  model: Pick<ModelManifest, 'id' | 'kind' | 'params' | 'target'>,
  opts: RebacktestOptions,
): Promise<ProdReference> {
  const target: Target = model.target;
  const template = await createForecaster(model.kind, model.params);
  const { horizon, windows, step } = opts.protocol;
  const result = await runBacktest(
    panel,
    [{ forecaster: template, fitOptions: { timeBudgetSec: opts.timeBudgetSec, seed: opts.seed } }],
    { target, horizon, windows, step, refitEvery: opts.refitEvery },
  );
  const measured = result.models.find((m) => m.kind === model.kind) ?? result.models[0];
  const baseline = result.models.find((m) => m.name === result.baseline) ?? measured;
  return {
    id: model.id,
    backtest: backtestMetrics(measured, baseline, horizon, windows, step),
    dataFingerprint: panelFingerprint(panel, target),
  };
}
