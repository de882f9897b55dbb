import { Module } from '@nestjs/common';
import { FeaturesController } from './features.controller.js';

/** GET /data/features: what each model kind reads, and the exported feature matrix's spec. */
@Module({ controllers: [FeaturesController] })
export class FeaturesModule {}
