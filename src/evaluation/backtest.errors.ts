export enum BacktestErrorCode {
  InvalidOptions = 'INVALID_BACKTEST_OPTIONS',
  NotEnoughHistory = 'NOT_ENOUGH_HISTORY',
  MissingForecast = 'MISSING_FORECAST',
}

/** Typed errors of the backtest (bad options, panel too short for the windows, a model that skipped a series). */
export class BacktestError extends Error {
  constructor(
    readonly code: BacktestErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'BacktestError';
  }
}
