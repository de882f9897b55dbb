import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { TARGETS, type Target } from '../../data/series-panel.js';
import { ALIAS_PATTERN, KIND_PATTERN } from '../model-id.js';
import { MODEL_STAGES, type ModelStage } from '../model-manifest.schema.js';
import type { ModelListFilter, ModelListResult } from '../model-registry.types.js';
import type { UnreadableEntry } from '../registry.repository.js';
import { ModelSummaryDto, toModelSummary } from './model-version.dto.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

const UNREADABLE_CODES: UnreadableEntry['code'][] = [
  'CORRUPT_MANIFEST',
  'CORRUPT_STATE',
  'INVALID_ID',
  'CORRUPT_HISTORY',
];

/** GET /models query: every filter is optional; they combine with AND. */
export class ListModelsQueryDto implements ModelListFilter {
  @ApiPropertyOptional({ enum: TARGETS, example: 'quantity', description: 'Only this target' })
  @IsOmittable()
  @IsIn(TARGETS)
  target?: Target;

  @ApiPropertyOptional({ example: 'mlp', description: 'Only this model kind' })
  @IsOmittable()
  @Matches(KIND_PATTERN, { message: 'kind must be lower-case words joined by "-"' })
  kind?: string;

  @ApiPropertyOptional({ enum: MODEL_STAGES, example: 'prod', description: 'Only this stage' })
  @IsOmittable()
  @IsIn(MODEL_STAGES)
  stage?: ModelStage;

  @ApiPropertyOptional({ example: 'champion', description: 'Only models holding this alias' })
  @IsOmittable()
  @Matches(ALIAS_PATTERN, { message: 'alias must be a short lower-case name' })
  alias?: string;
}

/** A registry document that could not be read; the rest is still listed. */
export class UnreadableEntryDto {
  @ApiProperty({
    example: 'registry/quantity/versions/quantity-mlp-20261129T013000Z-a1b2c3/manifest.json',
    description: 'Key of the document in the artifact store',
  })
  key!: string;

  @ApiProperty({ enum: UNREADABLE_CODES, example: 'CORRUPT_MANIFEST', description: 'Why' })
  code!: UnreadableEntry['code'];

  @ApiProperty({
    example: 'the manifest of quantity-mlp-20261129T013000Z-a1b2c3 is unreadable: not valid JSON',
    description: 'What is wrong with it',
  })
  message!: string;
}

/** GET /models body. */
export class ModelListDto {
  @ApiProperty({ type: [ModelSummaryDto], description: 'Matching models, newest first' })
  versions!: ModelSummaryDto[];

  @ApiProperty({
    type: [UnreadableEntryDto],
    description: 'Entries that could not be read (corrupt manifest or state, odd folder names)',
  })
  errors!: UnreadableEntryDto[];
}

export function toModelList(result: ModelListResult): ModelListDto {
  return { versions: result.versions.map(toModelSummary), errors: result.errors };
}
