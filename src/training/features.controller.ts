import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { defaultFeatureSpec } from '../features/default-feature.spec.js';
import { FeatureSpecDto } from '../features/dto/feature-spec.dto.js';
import type { FeatureSpec } from '../features/feature-spec.types.js';
import type { ModelInputs } from '../forecasting/model-inputs.js';
import { modelInputsByKind } from './model-inputs.catalog.js';

/** GET /data/features: the exported feature matrix's spec and what each kind reads. */
export type FeaturesResponse = FeatureSpec & { models: Record<string, ModelInputs> };

/**
 * GET /data/features: listed with the data routes; here (above the models) because it lists what
 * each model kind reads.
 */
@ApiTags('data')
@Controller('data')
export class FeaturesController {
  @Get('features')
  @ApiOperation({
    summary:
      'What each model kind reads (models), and the FeatureSpec of the exported feature matrix (features)',
    description:
      'models: per kind, the inputs its code builds, by name and in order (the same declaration every manifest records under featureSpec.inputs): days of history read, input vectors, calendar and Spring Festival covariates, panel columns (prices, listed flag, loss rate, category) and scaling. features: the versioned feature matrix of `freshcast data features`, for analysis outside freshcast; models compute their own inputs and do not read it.',
  })
  @ApiOkResponse({ type: FeatureSpecDto })
  async features(): Promise<FeaturesResponse> {
    return { ...defaultFeatureSpec(), models: await modelInputsByKind() };
  }
}
