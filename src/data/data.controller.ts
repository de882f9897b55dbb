import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireContentType } from '../common/http/content-type.guard.js';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import {
  MAX_UPLOAD_FILES,
  MAX_UPLOAD_FORM_FIELDS,
  NoFileUploadedError,
  UPLOAD_FIELDS,
  ValidateUploadBodyDto,
} from './dto/validate-upload.dto.js';
import { toValidationReportDto, ValidationReportDto } from './dto/validation-report.dto.js';
import { streamMultipartUploads, type UploadLimits } from './upload/multipart-uploads.js';
import {
  VALIDATION_RETRY_AFTER_SEC,
  ValidationBusyError,
  ValidationSlots,
} from './upload/validation-slots.js';
import { validateUploadStream } from './validation/validate-uploads.js';
import { HeldRows } from './validation/validation-limits.js';

/** Files per field of POST /data/validate. */
const MAX_FILES_PER_FIELD = { [UPLOAD_FIELDS.many]: MAX_UPLOAD_FILES, [UPLOAD_FIELDS.one]: 1 };

@ApiTags('data')
@Controller('data')
export class DataController {
  private readonly limits: UploadLimits;
  private readonly slots: ValidationSlots;
  private readonly maxRows: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = {
      fileSize: Math.floor(config.server.uploadLimitMb * 1024 * 1024),
      files: MAX_UPLOAD_FILES + 1,
      fields: MAX_UPLOAD_FORM_FIELDS,
    };
    this.slots = new ValidationSlots(config.server.maxConcurrentValidations);
    this.maxRows = config.server.validationMaxRows;
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Validate uploaded data files',
    description:
      'Reads the uploaded annex files (any of the four) or a long-format file and returns the ' +
      'validation report: schema, types, ranges, duplicates, gaps, returns, unknown items. Errors ' +
      'in the data are reported in the body (200), not as an HTTP error. Each file may be up to ' +
      'server.uploadLimitMb; files are read as they arrive, never buffered whole: long-format ' +
      'files are checked in one pass, annex files keep compact columns for the checks across ' +
      'files, and an upload holding more than server.validationMaxRows rows (annex rows, or ' +
      'distinct unique_id/ds keys) is a 413 payload_too_large. At most ' +
      'server.maxConcurrentValidations uploads are validated at once: 503 validation_busy with ' +
      'Retry-After beyond.',
  })
  @RequireContentType('multipart/form-data')
  @ApiBody({ type: ValidateUploadBodyDto })
  @ApiOkResponse({
    type: ValidationReportDto,
    description: 'The validation report; summary.ok is false when the data has errors',
  })
  @ApiErrorResponses(400, 413, 503)
  async validate(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ValidationReportDto> {
    let release: () => void;
    try {
      release = this.slots.acquire();
    } catch (err) {
      if (err instanceof ValidationBusyError)
        res.header('retry-after', String(VALIDATION_RETRY_AFTER_SEC));
      throw err;
    }
    try {
      let count = 0;
      const files = streamMultipartUploads(req, MAX_FILES_PER_FIELD, this.limits);
      const report = await validateUploadStream(
        (async function* () {
          for await (const f of files) {
            count++;
            yield f;
          }
        })(),
        { held: new HeldRows(this.maxRows) },
      );
      if (count === 0) throw new NoFileUploadedError();
      return toValidationReportDto(report);
    } finally {
      release();
    }
  }
}
