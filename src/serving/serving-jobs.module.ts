import { Module } from '@nestjs/common';
import { StartupModule } from '../startup/startup.module.js';
import { ForecastRefreshListener } from './forecast-refresh.listener.js';
import { ServingModule } from './serving.module.js';

/** Ties serving to the jobs: data changes submit refresh-forecasts, its completion reloads the cache. */
@Module({
  imports: [ServingModule, StartupModule],
  providers: [ForecastRefreshListener],
})
export class ServingJobsModule {}
