import { ApiProperty } from '@nestjs/swagger';
import { AppError } from '../../common/errors/app-error.js';

/** Multipart field names POST /data/validate reads files from. */
export const UPLOAD_FIELDS = { many: 'files', one: 'file' } as const;
/** At most this many files per request (the four annex files, with room for a long-format file). */
export const MAX_UPLOAD_FILES = 8;
/** At most this many non-file form fields per request (they are ignored). */
export const MAX_UPLOAD_FORM_FIELDS = 20;

/** Swagger schema of the multipart body of POST /data/validate. */
export class ValidateUploadBodyDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    required: false,
    description:
      'Any of the four annex files (item master, sales, wholesale, loss rates; CSV, EN or CN headers) ' +
      'or one long-format file (unique_id, ds, y, ...)',
  })
  files?: unknown[];

  @ApiProperty({
    type: 'string',
    format: 'binary',
    required: false,
    description: 'A single file (same kinds as `files`)',
  })
  file?: unknown;
}

export class NoFileUploadedError extends AppError {
  constructor() {
    super(
      400,
      `No file uploaded: send one or more files as multipart/form-data in field '${UPLOAD_FIELDS.many}' or '${UPLOAD_FIELDS.one}'`,
      { code: 'no_file' },
    );
  }
}
