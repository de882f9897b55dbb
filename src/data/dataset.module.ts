import { Module } from '@nestjs/common';
import { DatasetService } from './dataset.service.js';

/** The process's data set (DatasetService): loaded by the first-start job in the API, on demand in a worker. */
@Module({
  providers: [DatasetService],
  exports: [DatasetService],
})
export class DatasetModule {}
