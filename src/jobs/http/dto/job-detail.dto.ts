import { ApiProperty } from '@nestjs/swagger';
import { JOB_NAMES, type JobName } from '../../../common/job-names.js';
import type { JobState } from '../../job-queue.port.js';
import { TRAIN_JOB_ID_EXAMPLE } from './job-id-param.dto.js';
import { JOB_FIELD_DOCS } from './job-state.fields.js';

const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;

/** A job in full, as the admin routes show it. */
export class JobDetailDto {
  @ApiProperty({ example: TRAIN_JOB_ID_EXAMPLE, description: 'Job id' })
  job_id!: string;

  @ApiProperty({ enum: JOB_NAMES, example: 'train', description: 'Job name' })
  name!: JobName;

  @ApiProperty(JOB_FIELD_DOCS.state)
  state!: JobState;

  @ApiProperty(JOB_FIELD_DOCS.progress)
  progress!: number;

  @ApiProperty({ ...JOB_FIELD_DOCS.stage, example: 'fit' })
  stage!: string | null;

  @ApiProperty({
    ...JSON_OBJECT,
    nullable: true,
    example: { kind: 'lstm', epoch: 12, epochs: 40, loss: 0.31 },
    description: 'Numbers given with the last progress report (epoch, loss, ...)',
  })
  progress_detail!: Record<string, unknown> | null;

  @ApiProperty(JOB_FIELD_DOCS.attempts)
  attempts!: number;

  @ApiProperty(JOB_FIELD_DOCS.maxAttempts)
  max_attempts!: number;

  @ApiProperty({
    ...JSON_OBJECT,
    example: { kinds: ['lstm'], target: 'quantity', params: {}, promote: true },
    description: "The job's payload as queued (after defaults; camelCase, as the workers read it)",
  })
  payload!: Record<string, unknown>;

  @ApiProperty({
    ...JSON_OBJECT,
    nullable: true,
    example: null,
    description: 'The result when completed and held inline (null while running, or when large)',
  })
  result!: unknown;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Artifact-store key of a large result (then result is null)',
  })
  result_pointer!: string | null;

  @ApiProperty(JOB_FIELD_DOCS.error)
  error!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'shop-north',
    description: 'Name of the client key it was submitted with; null without one',
  })
  submitted_by!: string | null;

  @ApiProperty(JOB_FIELD_DOCS.createdAt)
  created_at!: string;

  @ApiProperty(JOB_FIELD_DOCS.startedAt)
  started_at!: string | null;

  @ApiProperty(JOB_FIELD_DOCS.finishedAt)
  finished_at!: string | null;
}

/** GET /admin/jobs body. */
export class JobListDto {
  @ApiProperty({ type: [JobDetailDto], description: 'Jobs, newest first' })
  jobs!: JobDetailDto[];
}
