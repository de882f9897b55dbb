import { Module } from '@nestjs/common';
import { DatasetModule } from '../data/dataset.module.js';
import { FirstStartService } from './first-start.service.js';

/** The first-start job (data, default model); uses the global RegistryModule. GET /status is in ServingModule. */
@Module({
  imports: [DatasetModule],
  providers: [FirstStartService],
  exports: [DatasetModule, FirstStartService],
})
export class StartupModule {}
