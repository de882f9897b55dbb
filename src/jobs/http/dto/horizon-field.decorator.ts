import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator.js';
import { JOB_MAX_HORIZON } from './batch-predict-request.dto.js';

/** The optional `horizon` of a train or tune job: documented and validated as 1…JOB_MAX_HORIZON. */
export function OptionalJobHorizonField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      example: 28,
      minimum: 1,
      maximum: JOB_MAX_HORIZON,
      description: 'Days the models forecast (default: forecasting.horizon)',
    }),
    IsOmittable(),
    IsInt(),
    Min(1),
    Max(JOB_MAX_HORIZON),
  );
}
