import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { JOB_NAMES, type JobName } from '../../../common/job-names.js';
import { JOB_STATES, type JobState } from '../../job-queue.port.js';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from '../../job-submission.js';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator.js';

/** GET /admin/jobs query. */
export class JobListQueryDto {
  @ApiPropertyOptional({
    enum: JOB_STATES,
    example: 'failed',
    description: 'Only jobs in this state',
  })
  @IsOmittable()
  @IsIn(JOB_STATES)
  state?: JobState;

  @ApiPropertyOptional({ enum: JOB_NAMES, example: 'train', description: 'Only jobs of this name' })
  @IsOmittable()
  @IsIn(JOB_NAMES)
  name?: JobName;

  @ApiPropertyOptional({
    example: DEFAULT_LIST_LIMIT,
    minimum: 1,
    maximum: MAX_LIST_LIMIT,
    default: DEFAULT_LIST_LIMIT,
    description: 'At most this many jobs, newest first',
  })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIST_LIMIT)
  limit?: number;
}
