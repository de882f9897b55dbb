import { Module } from '@nestjs/common';
import { SageMakerController } from './sagemaker.controller.js';
import { SageMakerModelService } from './sagemaker-model.service.js';

/** GET /ping and POST /invocations over the model folder at `sagemaker.modelDir`. */
@Module({
  controllers: [SageMakerController],
  providers: [SageMakerModelService],
  exports: [SageMakerModelService],
})
export class SageMakerModule {}
