import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { TARGETS, type Target } from '../../data/series-panel.js';
import type { CandidateMode } from '../candidate-model.js';
import { OptionalTargetField } from '../../data/target-field.decorator.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

/** PUT /serving/candidate body. */
export class SetCandidateDto {
  @OptionalTargetField('Target (default quantity)', null)
  target?: Target;

  @ApiProperty({
    example: 'quantity-gru-20261129T013000Z-a1b2c3',
    description: 'A registered model of the target (not its prod model)',
  })
  @IsString()
  @MaxLength(120)
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'model_id must be a registry id' })
  model_id!: string;

  @ApiProperty({
    enum: ['canary', 'shadow'],
    example: 'canary',
    description:
      'canary: answers `share` of the items (sticky per item); shadow: computed and compared, never returned',
  })
  @IsIn(['canary', 'shadow'])
  mode!: CandidateMode;

  @ApiPropertyOptional({
    example: 0.1,
    minimum: 0,
    maximum: 1,
    description: 'Share of items the canary answers (default 0.1; ignored in shadow mode)',
  })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  share?: number;
}

/** A target in the path. */
export class CandidateTargetParamDto {
  @ApiProperty({ enum: TARGETS, example: 'quantity', description: 'Target' })
  @IsIn(TARGETS)
  target!: Target;
}

/** The candidate served next to a target's prod model. */
export class CandidateStatusDto {
  @ApiProperty({
    example: 'quantity-gru-20261129T013000Z-a1b2c3',
    description: 'Candidate model id',
  })
  model_version!: string;
  @ApiProperty({ enum: ['canary', 'shadow'], example: 'canary', description: 'How it is served' })
  mode!: CandidateMode;
  @ApiProperty({ example: 0.1, description: 'Share of items it answers (canary)' })
  share!: number;
  @ApiProperty({ example: '2026-11-29T03:40:00.000Z', description: 'When it was set' })
  since!: string;
  @ApiProperty({ example: 188, description: 'Series in its forecast cache' })
  cached_series!: number;
}

export class CandidateRemovedDto {
  @ApiProperty({ example: true, description: 'False when the target had no candidate' })
  removed!: boolean;
}
