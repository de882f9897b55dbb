import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import type { SeriesPanel } from '../../data/series-panel.js';
import { BacktestError, BacktestErrorCode } from '../../evaluation/backtest.errors.js';
import { backtestCutoffs } from '../../evaluation/backtest.js';

/**
 * Checks at submission that the data this process holds has the days a backtest (of a backtest or a
 * train job) needs for `windows` windows of `horizon` days, with the job's own cutoffs: a 400 naming
 * `field` at once instead of a job that fails when it runs. Without data yet (a first start loading
 * it) the job checks.
 */
export function assertBacktestWindowsFit(
  panel: SeriesPanel | null,
  windows: number,
  horizon: number,
  field: string,
): void {
  if (panel === null) return;
  try {
    backtestCutoffs(panel, windows, horizon);
  } catch (err) {
    if (err instanceof BacktestError && err.code === BacktestErrorCode.NotEnoughHistory)
      throw new RequestValidationError([{ field, message: err.message }]);
    throw err;
  }
}
