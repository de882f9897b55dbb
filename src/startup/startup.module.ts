import { Module } from '@nestjs/common';
import { DatasetService } from './dataset.service.js';
import { FirstStartService } from './first-start.service.js';

/** The first-start job (data, default model); uses the global RegistryModule. GET /status is in ServingModule. */
@Module({
  providers: [DatasetService, FirstStartService],
  exports: [DatasetService, FirstStartService],
})
export class StartupModule {}
