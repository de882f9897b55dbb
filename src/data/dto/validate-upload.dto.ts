import { ApiProperty } from '@nestjs/swagger';
import { AppError } from '../../common/errors/app-error.js';
import type { UploadedFile } from '../validation/validate-uploads.js';

/** Multipart field names POST /data/validate reads files from. */
export const UPLOAD_FIELDS = { many: 'files', one: 'file' } as const;
/** At most this many files per request (the four annex files, with room for a long-format file). */
export const MAX_UPLOAD_FILES = 8;

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

/** The parts of a multer file the upload mapper reads. */
export interface UploadedPart {
  originalname: string;
  buffer: Buffer;
}

/** What multer's FileFieldsInterceptor leaves on the request for our two fields. */
export type UploadedFields = Partial<
  Record<(typeof UPLOAD_FIELDS)[keyof typeof UPLOAD_FIELDS], UploadedPart[]>
>;

export class NoFileUploadedError extends AppError {
  constructor() {
    super(
      400,
      `No file uploaded: send one or more files as multipart/form-data in field '${UPLOAD_FIELDS.many}' or '${UPLOAD_FIELDS.one}'`,
      { code: 'no_file' },
    );
  }
}

/** Maps the multer fields to `{name, bytes}` uploads; throws NoFileUploadedError when there is none. */
export function uploadsFrom(fields: UploadedFields | undefined): UploadedFile[] {
  const parts = [...(fields?.files ?? []), ...(fields?.file ?? [])];
  if (parts.length === 0) throw new NoFileUploadedError();
  return parts.map((p) => ({ name: p.originalname, bytes: p.buffer }));
}
