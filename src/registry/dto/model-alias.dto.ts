import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { TARGETS, type Target } from '../../data/series-panel.js';
import { ALIAS_PATTERN } from '../model-id.js';
import { REASON_MAX } from './promote-model.dto.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

/** PUT /models/:id/aliases/:alias body (optional). */
export class SetAliasDto {
  @ApiPropertyOptional({
    example: 'best WAPE on the last four windows',
    maxLength: REASON_MAX,
    description: 'Why; stored in the history',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}

/** DELETE /models/aliases/:target/:alias path parameters. */
export class AliasPathDto {
  @ApiProperty({ enum: TARGETS, example: 'quantity', description: 'Target of the alias' })
  @IsIn(TARGETS)
  target!: Target;

  @ApiProperty({
    example: 'challenger',
    description: 'Alias name: champion, challenger, or another short lower-case name',
  })
  @Matches(ALIAS_PATTERN, { message: 'alias must be a short lower-case name' })
  alias!: string;
}

/** DELETE /models/aliases/:target/:alias body (200). */
export class AliasRemovedDto {
  @ApiProperty({ enum: TARGETS, example: 'quantity', description: 'Target of the alias' })
  target!: Target;

  @ApiProperty({ example: 'challenger', description: 'The alias' })
  alias!: string;

  @ApiProperty({
    example: true,
    description: 'True when the alias existed and was removed; false when there was none',
  })
  removed!: boolean;
}

export function aliasRemoved(path: AliasPathDto, removed: boolean): AliasRemovedDto {
  return { target: path.target, alias: path.alias, removed };
}
