import { ApiProperty } from '@nestjs/swagger';
import { TARGETS, type Target } from '../../../data/series-panel.js';
import type { JobState } from '../../job-queue.port.js';
import { BATCH_JOB_ID_EXAMPLE } from './job-id-param.dto.js';
import { JOB_FIELD_DOCS } from './job-state.fields.js';

/** What a completed batch-predict job produced, without the forecasts. */
export class BatchSummaryDto {
  @ApiProperty({
    example: 'quantity-ets-20230701T000000Z-ab12cd',
    description: 'Model id that made the forecasts',
  })
  model_version!: string;

  @ApiProperty({ enum: TARGETS, example: 'quantity', description: 'Target' })
  target!: Target;

  @ApiProperty({ example: 28, description: 'Days forecast per item' })
  horizon!: number;

  @ApiProperty({
    example: '2023-06-30',
    description: 'Last day of data used: forecasts start the day after',
  })
  cutoff!: string;

  @ApiProperty({ example: 251, description: 'Items forecast' })
  series_count!: number;

  @ApiProperty({
    example: ['999999999999'],
    type: [String],
    description: 'Asked-for items the data does not have (or with too little history)',
  })
  missing!: string[];
}

/** GET /predict/jobs/:id body. */
export class BatchJobStatusDto {
  @ApiProperty({ example: BATCH_JOB_ID_EXAMPLE, description: 'Job id' })
  job_id!: string;

  @ApiProperty({ example: 'batch-predict', description: 'Job name (always batch-predict here)' })
  name!: string;

  @ApiProperty(JOB_FIELD_DOCS.state)
  state!: JobState;

  @ApiProperty(JOB_FIELD_DOCS.progress)
  progress!: number;

  @ApiProperty(JOB_FIELD_DOCS.stage)
  stage!: string | null;

  @ApiProperty(JOB_FIELD_DOCS.attempts)
  attempts!: number;

  @ApiProperty(JOB_FIELD_DOCS.maxAttempts)
  max_attempts!: number;

  @ApiProperty(JOB_FIELD_DOCS.createdAt)
  created_at!: string;

  @ApiProperty(JOB_FIELD_DOCS.startedAt)
  started_at!: string | null;

  @ApiProperty(JOB_FIELD_DOCS.finishedAt)
  finished_at!: string | null;

  @ApiProperty(JOB_FIELD_DOCS.error)
  error!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: `/predict/jobs/${BATCH_JOB_ID_EXAMPLE}/result`,
    description: 'Where the forecasts are (null until completed)',
  })
  result_url!: string | null;

  @ApiProperty({
    type: BatchSummaryDto,
    nullable: true,
    description: 'What the job produced (null until completed)',
  })
  summary!: BatchSummaryDto | null;
}
