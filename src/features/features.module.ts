import { Module } from '@nestjs/common';
import { FeaturesController } from './features.controller.js';

/** GET /data/features: the feature definitions models are trained with. */
@Module({ controllers: [FeaturesController] })
export class FeaturesModule {}
