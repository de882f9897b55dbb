import { ApiProperty } from '@nestjs/swagger';
import { MODEL_ID_DESCRIPTION, MODEL_ID_EXAMPLE } from './model-version.dto.js';

/** DELETE /models/:id body (200). */
export class ModelDeletedDto {
  @ApiProperty({ example: MODEL_ID_EXAMPLE, description: MODEL_ID_DESCRIPTION })
  id!: string;

  @ApiProperty({ example: true, description: 'Always true: the manifest and artifacts are gone' })
  deleted!: true;
}

export function modelDeleted(id: string): ModelDeletedDto {
  return { id, deleted: true };
}
