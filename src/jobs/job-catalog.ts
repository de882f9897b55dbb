import type { JobDefinition } from './job-catalog.types.js';
import { JobName } from '../common/job-names.js';
import { JOB_OPTIONS } from './job-options.table.js';
import {
  backtestPayloadSchema,
  backtestResultSchema,
  batchPredictPayloadSchema,
  batchPredictResultSchema,
  refreshForecastsPayloadSchema,
  refreshForecastsResultSchema,
  trainPayloadSchema,
  trainResultSchema,
} from './job-payloads.js';
import {
  checkDriftPayloadSchema,
  checkDriftResultSchema,
  scoreAccuracyPayloadSchema,
  scoreAccuracyResultSchema,
} from './monitoring-job.payloads.js';
import { tunePayloadSchema, tuneResultSchema } from './tune-job.payloads.js';

/** freshcast's jobs: name → payload schema, result schema, options. Typed end to end from here. */
export const JOB_CATALOG = {
  [JobName.BatchPredict]: {
    payload: batchPredictPayloadSchema,
    result: batchPredictResultSchema,
    options: JOB_OPTIONS[JobName.BatchPredict],
  },
  [JobName.Train]: {
    payload: trainPayloadSchema,
    result: trainResultSchema,
    options: JOB_OPTIONS[JobName.Train],
  },
  [JobName.Backtest]: {
    payload: backtestPayloadSchema,
    result: backtestResultSchema,
    options: JOB_OPTIONS[JobName.Backtest],
  },
  [JobName.RefreshForecasts]: {
    payload: refreshForecastsPayloadSchema,
    result: refreshForecastsResultSchema,
    options: JOB_OPTIONS[JobName.RefreshForecasts],
  },
  [JobName.ScoreAccuracy]: {
    payload: scoreAccuracyPayloadSchema,
    result: scoreAccuracyResultSchema,
    options: JOB_OPTIONS[JobName.ScoreAccuracy],
  },
  [JobName.CheckDrift]: {
    payload: checkDriftPayloadSchema,
    result: checkDriftResultSchema,
    options: JOB_OPTIONS[JobName.CheckDrift],
  },
  [JobName.Tune]: {
    payload: tunePayloadSchema,
    result: tuneResultSchema,
    options: JOB_OPTIONS[JobName.Tune],
  },
} as const satisfies Record<JobName, JobDefinition>;

export type FreshcastJobCatalog = typeof JOB_CATALOG;
