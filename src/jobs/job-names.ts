/**
 * The jobs freshcast runs: one queue and one processor per name. (Drift checks join when the
 * monitoring module's drift statistics land.)
 */
export const JOB_NAMES = ['batch-predict', 'train', 'backtest', 'refresh-forecasts'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const JobName = {
  BatchPredict: 'batch-predict',
  Train: 'train',
  Backtest: 'backtest',
  RefreshForecasts: 'refresh-forecasts',
} as const satisfies Record<string, JobName>;
