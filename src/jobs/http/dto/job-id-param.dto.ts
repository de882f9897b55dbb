import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

/** Characters a job id may hold (`<name>.<uuid>`, `<name>.k-<hash>`, `repeat:<name>.<schedule>:<ms>`). */
export const JOB_ID_PATTERN = /^[A-Za-z0-9._:-]+$/;
export const JOB_ID_MAX = 300;
export const BATCH_JOB_ID_EXAMPLE = 'batch-predict.3f1c2a4e-9d7b-4c1e-8a55-0e2b7f9d1c3a';
export const TRAIN_JOB_ID_EXAMPLE = 'train.8d0f6b1e-2c4a-4f7e-9b3d-5a6c7e8f9012';

/** `:id` of the job routes. */
export class JobIdParamDto {
  @ApiProperty({
    example: BATCH_JOB_ID_EXAMPLE,
    maxLength: JOB_ID_MAX,
    description: 'Job id, as answered when the job was submitted (letters, digits, . _ : -)',
  })
  @IsString()
  @MaxLength(JOB_ID_MAX)
  @Matches(JOB_ID_PATTERN, { message: 'id must hold only letters, digits, ".", "_", ":" and "-"' })
  id!: string;
}
