import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { TARGETS, type Target } from '../../data/series-panel.js';
import type { ChangeContext, RollbackResult } from '../model-registry.types.js';
import { ModelVersionDto, toModelVersionDto } from './model-version.dto.js';
import { REASON_MAX } from './promote-model.dto.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

/** POST /models/rollback body. */
export class RollbackDto {
  @ApiProperty({
    enum: TARGETS,
    example: 'quantity',
    description: 'The target whose prod model goes back to the previous one',
  })
  @IsIn(TARGETS)
  target!: Target;

  @ApiPropertyOptional({
    example: 'WAPE doubled since the last promotion',
    maxLength: REASON_MAX,
    description: 'Why; stored in the history',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}

/** A change context from an optional reason and the request's actor. */
export function changeContext(body: { reason?: string } | undefined, actor: string): ChangeContext {
  return { actor, reason: body?.reason };
}

/** POST /models/rollback body (200). */
export class RollbackResultDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'quantity-gru-20261201T020000Z-77aa01',
    description: 'The prod model rolled back from (now archived)',
  })
  from!: string | null;

  @ApiProperty({ type: ModelVersionDto, description: 'The model now in prod' })
  to!: ModelVersionDto;
}

export function toRollbackResultDto(r: RollbackResult): RollbackResultDto {
  return { from: r.from, to: toModelVersionDto(r.to) };
}
