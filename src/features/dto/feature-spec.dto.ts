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

  @ApiProperty({ type: [FeatureDefDto] })
  features!: FeatureDefDto[];
}
