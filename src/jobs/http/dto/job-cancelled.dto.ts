import { ApiProperty } from '@nestjs/swagger';
import { TRAIN_JOB_ID_EXAMPLE } from './job-id-param.dto.js';

export const CANCEL_OUTCOMES = ['cancelled', 'cancelling', 'finished'] as const;
export type HttpCancelOutcome = (typeof CANCEL_OUTCOMES)[number];

/** DELETE /admin/jobs/:id body. */
export class JobCancelledDto {
  @ApiProperty({ example: TRAIN_JOB_ID_EXAMPLE, description: 'Job id' })
  job_id!: string;

  @ApiProperty({
    enum: CANCEL_OUTCOMES,
    example: 'cancelled',
    description:
      'cancelled: it had not started and never will; cancelling: it is running and was told to ' +
      'stop (poll it); finished: it had already completed, failed or been cancelled',
  })
  outcome!: HttpCancelOutcome;
}
