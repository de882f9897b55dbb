import { CheckDriftJob } from './check-drift.job.js';
import { ScoreAccuracyJob } from './score-accuracy.job.js';
import { MonitoringStoreModule } from '../../monitoring/monitoring-store.module.js';
import { DatasetModule } from '../../data/dataset.module.js';
import { StorageModule } from '../../storage/storage.module.js';
import { BacktestJob } from './backtest.job.js';
import { BatchPredictJob } from './batch-predict.job.js';
import type { JobProcessorBundle } from '../job-processor.bundle.js';
import { RefreshForecastsJob } from './refresh-forecasts.job.js';
import { TrainJob } from './train.job.js';
import { TuneJob } from './tune.job.js';

/**
 * freshcast's job processors: one `@Injectable()` class per job name implementing JobProcessor
 * (`<name>.job.ts` in this folder), plus the modules providing what they inject. The model registry
 * comes from the app's (or worker's) global RegistryModule.
 */
export const JOB_PROCESSOR_BUNDLE: JobProcessorBundle = {
  imports: [DatasetModule, StorageModule, MonitoringStoreModule],
  processors: [
    BatchPredictJob,
    TrainJob,
    BacktestJob,
    RefreshForecastsJob,
    ScoreAccuracyJob,
    CheckDriftJob,
    TuneJob,
  ],
};
