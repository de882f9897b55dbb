/** The jobs freshcast runs: one queue and one processor per name. */
export const JOB_NAMES = [
  'batch-predict',
  'train',
  'backtest',
  'refresh-forecasts',
  'score-accuracy',
  'check-drift',
  'tune',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const JobName = {
  BatchPredict: 'batch-predict',
  Train: 'train',
  Backtest: 'backtest',
  RefreshForecasts: 'refresh-forecasts',
  ScoreAccuracy: 'score-accuracy',
  CheckDrift: 'check-drift',
  Tune: 'tune',
} as const satisfies Record<string, JobName>;
