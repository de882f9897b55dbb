import { Module } from '@nestjs/common';
import { DataController } from './data.controller.js';

/** POST /data/validate (GET /data/features is FeaturesModule's). Uploads stay in memory, each up to server.uploadLimitMb. */
@Module({ controllers: [DataController] })
export class DataModule {}
