import { Module } from '@nestjs/common';
import { DatasetModule } from '../../data/dataset.module.js';
import { StorageModule } from '../../storage/storage.module.js';
import { AdminJobsController } from './admin-jobs.controller.js';
import { JobResultSweeper } from '../job-result.sweeper.js';
import { BatchResultReader } from './batch-result.reader.js';
import { JobsHttpService } from './jobs-http.service.js';
import { PredictJobsController } from './predict-jobs.controller.js';

/**
 * The job routes: batch forecasts (POST /predict/batch, GET /predict/jobs/:id[/result]) and the
 * admin job routes (/admin/retrain, /admin/backtest, /admin/refresh-forecasts, /admin/jobs).
 * JOB_QUEUE comes from the global JobsModule; submissions are checked against the registry and the
 * data the process holds (DatasetService); results behind a pointer are read from the store, and
 * deleted from it once their job is no longer kept (JobResultSweeper).
 */
@Module({
  imports: [StorageModule, DatasetModule],
  controllers: [PredictJobsController, AdminJobsController],
  providers: [JobsHttpService, BatchResultReader, JobResultSweeper],
})
export class JobsHttpModule {}
