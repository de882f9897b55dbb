import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator.js';
import { MAX_FIT_SEED } from '../../../common/fit-seed.js';

/**
 * The optional `seed` of a train or tune job: documented and validated as 0…MAX_FIT_SEED, the range
 * the CLI's `--seed` takes.
 */
export function OptionalSeedField(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ example: 42, minimum: 0, maximum: MAX_FIT_SEED, description }),
    IsOmittable(),
    IsInt(),
    Min(0),
    Max(MAX_FIT_SEED),
  );
}
