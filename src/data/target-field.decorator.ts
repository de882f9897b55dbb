import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { TARGETS, type Target } from './series-panel.js';
import { IsOmittable } from '../common/validation/is-omittable.decorator.js';

/**
 * An optional `target` field of a request DTO: documented (enum, example, default when there is
 * one) and validated against TARGETS.
 */
export function OptionalTargetField(
  description: string,
  defaultTarget: Target | null = 'quantity',
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      enum: TARGETS,
      example: 'quantity',
      ...(defaultTarget === null ? {} : { default: defaultTarget }),
      description,
    }),
    IsOmittable(),
    IsIn(TARGETS),
  );
}
