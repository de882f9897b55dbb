import { ApiProperty } from '@nestjs/swagger';
import type { FeatureGroup } from '../feature-spec.types.js';

const GROUPS: FeatureGroup[] = [
  'calendar',
  'holiday',
  'lag',
  'rolling',
  'price',
  'promotion',
  'availability',
  'static',
];

/** One feature of the spec (Swagger schema). */
export class FeatureDefDto {
  @ApiProperty({ example: 'y_lag_7', description: 'Column name in the feature matrix; unique' })
  name!: string;

  @ApiProperty({ example: 'Target 7 day(s) before the row; missing when that day is missing' })
  description!: string;

  @ApiProperty({ enum: GROUPS, example: 'lag' })
  group!: FeatureGroup;

  @ApiProperty({ example: 'lag', description: 'How the feature is computed' })
  op!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { column: 'target', days: 7 },
    description: 'Parameters of the computation (depend on op)',
  })
  params!: Record<string, unknown>;
}

/** GET /data/features body: the versioned FeatureSpec (Swagger schema). */
export class FeatureSpecDto {
  @ApiProperty({ example: '1' })
  version!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({
    type: [FeatureDefDto],
    description:
      'The feature matrix of `freshcast data features` (for analysis outside freshcast; models compute their own inputs, listed under models)',
  })
  features!: FeatureDefDto[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      linear: {
        kind: 'linear',
        lookbackDays: 91,
        features: { step: ['lag_1', '…', 'mean_7', 'dow_mon', '…', 'is_public_holiday', 'sf_eve'] },
        calendar: ['is_public_holiday', 'sf_eve'],
        panelColumns: [],
        scaling: 'values divided by the series level …',
      },
    },
    description:
      'Per model kind (default params), the inputs it reads: lookbackDays (days of target history; null = the whole history), features (input vectors, names in the order the model builds them), calendar (calendar and Spring Festival covariates), panelColumns (price, wholesale, listed, loss_rate, category), scaling, and for an ensemble its members. A registered model records its own under featureSpec.inputs of its manifest.',
  })
  models!: Record<string, unknown>;
}
