import { ApiProperty } from '@nestjs/swagger';
import { BATCH_JOB_ID_EXAMPLE, TRAIN_JOB_ID_EXAMPLE } from './job-id-param.dto.js';

/** 202 answer of the admin job submissions. */
export class JobAcceptedDto {
  @ApiProperty({ example: TRAIN_JOB_ID_EXAMPLE, description: 'Id of the job' })
  job_id!: string;

  @ApiProperty({
    example: `/admin/jobs/${TRAIN_JOB_ID_EXAMPLE}`,
    description: 'Where to poll the job (also in the Location header)',
  })
  status_url!: string;

  @ApiProperty({
    example: false,
    description:
      'True when the Idempotency-Key matched a job submitted before with the same payload: nothing new was queued',
  })
  deduplicated!: boolean;
}

/** 202 answer of POST /predict/batch. */
export class BatchJobAcceptedDto {
  @ApiProperty({ example: BATCH_JOB_ID_EXAMPLE, description: 'Id of the batch-predict job' })
  job_id!: string;

  @ApiProperty({
    example: `/predict/jobs/${BATCH_JOB_ID_EXAMPLE}`,
    description: 'Where to poll the job (also in the Location header)',
  })
  status_url!: string;

  @ApiProperty({
    example: `/predict/jobs/${BATCH_JOB_ID_EXAMPLE}/result`,
    description: 'Where the forecasts are once the job has completed (409 before)',
  })
  result_url!: string;

  @ApiProperty({
    example: false,
    description:
      'True when the Idempotency-Key matched a job submitted before with the same payload: nothing new was queued',
  })
  deduplicated!: boolean;
}
