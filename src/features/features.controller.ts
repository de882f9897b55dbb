import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { defaultFeatureSpec } from './default-feature.spec.js';
import { FeatureSpecDto } from './dto/feature-spec.dto.js';
import type { FeatureSpec } from './feature-spec.types.js';

/** GET /data/features: listed with the data routes, served from the feature layer. */
@ApiTags('data')
@Controller('data')
export class FeaturesController {
  @Get('features')
  @ApiOperation({
    summary: 'The FeatureSpec (versioned feature definitions) models are trained with',
  })
  @ApiOkResponse({ type: FeatureSpecDto })
  features(): FeatureSpec {
    return defaultFeatureSpec();
  }
}
