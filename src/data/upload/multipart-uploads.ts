import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import type { Readable } from 'node:stream';
import type { StreamedUpload, UploadedFile } from '../validation/validate-uploads.js';
import { errnoCode } from '../../common/errors/error-message.js';

/** How much one multipart request may carry. */
export interface UploadLimits {
  /** Bytes per file. */
  fileSize: number;
  /** Files per request. */
  files: number;
  /** Non-file fields per request. */
  fields: number;
}

export class BadUploadError extends AppError {
  constructor(message: string, field?: string) {
    super(400, message, { code: 'bad_upload', details: field ? { field } : null });
  }
}

export class UploadTooLargeError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super(413, message, { code: 'payload_too_large', details });
  }
}

/**
 * What went wrong while reading the parts, as a 4xx: a limit → 413 with the limit; a truncated or
 * malformed body (busboy's errors carry no code) → 400. Nothing the client sent ends as a 500.
 */
function uploadError(err: unknown, limits: UploadLimits, field: string | undefined): AppError {
  if (err instanceof AppError) return err;
  const code = errnoCode(err);
  const inField = field ? ` (field '${field}')` : '';
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new UploadTooLargeError(
        `Uploaded file is larger than the upload limit of ${limits.fileSize} bytes${inField}`,
        { limit_bytes: limits.fileSize, ...(field ? { field } : {}) },
      );
    case 'FST_FILES_LIMIT':
      return new UploadTooLargeError(`Too many files: at most ${limits.files} per request`, {
        limit_files: limits.files,
      });
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new UploadTooLargeError(`Too many form fields: at most ${limits.fields} per request`, {
        limit_fields: limits.fields,
      });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError(400, `Malformed multipart body: ${reason}`, {
    code: 'bad_request',
    details: code ? { reason, code } : { reason },
  });
}

function unexpectedField(
  field: string,
  maxFiles: Readonly<Record<string, number>>,
): BadUploadError {
  const allowed = Object.entries(maxFiles)
    .map(([name, max]) => `'${name}' (up to ${max})`)
    .join(' or ');
  return new BadUploadError(`Unexpected file in field '${field}': send files in ${allowed}`, field);
}

/** Counts a file of `field`: a field not in `maxFiles`, or one file too many, is a 400 naming it. */
function admitFile(
  counts: Map<string, number>,
  field: string,
  maxFiles: Readonly<Record<string, number>>,
): void {
  const count = (counts.get(field) ?? 0) + 1;
  counts.set(field, count);
  if (count > (maxFiles[field] ?? 0)) throw unexpectedField(field, maxFiles);
}

/**
 * Reads the files of a multipart request into memory. `maxFiles` names the file fields and how many
 * files each may hold; a file in any other field, or one too many, is a 400 `bad_upload` naming the
 * field. The text of non-file fields is ignored.
 */
export async function readMultipartUploads(
  req: FastifyRequest,
  maxFiles: Readonly<Record<string, number>>,
  limits: UploadLimits,
): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  const counts = new Map<string, number>();
  let field: string | undefined;
  try {
    for await (const part of req.parts({ limits })) {
      if (part.type !== 'file') continue;
      field = part.fieldname;
      admitFile(counts, field, maxFiles);
      files.push({ name: part.filename, bytes: await part.toBuffer() });
      field = undefined;
    }
  } catch (err) {
    throw uploadError(err, limits, field);
  }
  return files;
}

/** Reads what a reader left of a part (it may stop early, at a binary file) so the next part comes. */
async function drain(file: Readable): Promise<void> {
  if (file.readableEnded || file.destroyed) return;
  file.resume();
  await new Promise<void>((resolve) => {
    file.once('end', resolve);
    file.once('close', resolve);
  });
}

/**
 * The files of a multipart request as they arrive, each as a stream the caller reads before asking
 * for the next (the body is never buffered whole). Same field rules and limits as
 * `readMultipartUploads`: a file over `limits.fileSize` is a 413 once it was read that far.
 */
export async function* streamMultipartUploads(
  req: FastifyRequest,
  maxFiles: Readonly<Record<string, number>>,
  limits: UploadLimits,
): AsyncGenerator<StreamedUpload> {
  const counts = new Map<string, number>();
  let field: string | undefined;
  try {
    for await (const part of req.parts({ limits })) {
      if (part.type !== 'file') continue;
      field = part.fieldname;
      admitFile(counts, field, maxFiles);
      // The reader may stop early; the part's stream must not be destroyed under busboy then.
      yield { name: part.filename, input: part.file.iterator({ destroyOnReturn: false }) };
      await drain(part.file);
      if (part.file.truncated)
        throw Object.assign(new Error('file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
      field = undefined;
    }
  } catch (err) {
    throw uploadError(err, limits, field);
  }
}
