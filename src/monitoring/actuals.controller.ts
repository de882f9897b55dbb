import { Body, Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminOnly } from '../common/auth/admin-only.decorator.js';
import { AppError } from '../common/errors/app-error.js';
import { RequireContentType } from '../common/http/content-type.guard.js';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import { RequestValidationError } from '../common/validation/request-validation.error.js';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { NoFileUploadedError, ValidateUploadBodyDto } from '../data/dto/validate-upload.dto.js';
import type { Target } from '../data/series-panel.js';
import { readMultipartUploads, type UploadLimits } from '../data/upload/multipart-uploads.js';
import { longRowsAsCsv, parseActualsUpload } from './actuals/actuals-input.js';
import { ActualsStore } from './actuals/actuals.store.js';
import {
  ActualsAcceptedDto,
  ActualsJsonBodyDto,
  ActualsQueryDto,
  actualsJsonSchema,
} from './dto/actuals.dto.js';
import { toValidationReportDto } from '../data/dto/validation-report.dto.js';

/** A rejected batch: nothing was stored; `details.report` is the validation report. */
export class ActualsRejectedError extends AppError {
  constructor(reason: string, report: unknown) {
    super(422, `Actuals rejected, nothing stored: ${reason}`, {
      code: 'invalid_actuals',
      details: { report },
    });
  }
}

@ApiTags('data')
@Controller('data')
export class ActualsController {
  private readonly limits: UploadLimits;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly actuals: ActualsStore,
  ) {
    this.limits = {
      fileSize: Math.floor(config.server.uploadLimitMb * 1024 * 1024),
      files: 2,
      fields: 20,
    };
  }

  @Post('actuals')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({
    summary: 'Post actuals (what really sold) for live accuracy',
    description:
      'JSON `{target?, rows: [{unique_id, ds, y}]}`, or a multipart upload (field `file`) of a long-format ' +
      'CSV (`unique_id,ds,y`; `?target=` names its target) or annex2 sales lines (net kg per item-day for ' +
      'quantity, average selling price for price; 400 with ?target=wholesale, which they do not hold). ' +
      'Validated with the report of POST /data/validate: any error, a negative price or wholesale, or a ' +
      'header that repeats a column rejects the whole batch (422, `details.report`) and nothing is stored. ' +
      'Accepted rows are stored before the answer, per item-day: posting the same actuals again changes nothing.',
  })
  @RequireContentType('application/json', 'multipart/form-data')
  @ApiExtraModels(ActualsJsonBodyDto, ValidateUploadBodyDto)
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ActualsJsonBodyDto) },
        { $ref: getSchemaPath(ValidateUploadBodyDto) },
      ],
    },
  })
  @ApiOkResponse({ type: ActualsAcceptedDto })
  @ApiErrorResponses(400, 413, 422)
  async post(
    @Req() req: FastifyRequest,
    @Query() query: ActualsQueryDto,
    @Body() body: unknown,
  ): Promise<ActualsAcceptedDto> {
    let target: Target = query.target ?? 'quantity';
    let file: { name: string; bytes: Buffer };
    if (req.isMultipart()) {
      const files = await readMultipartUploads(req, { file: 1, files: 1 }, this.limits);
      if (files.length === 0) throw new NoFileUploadedError();
      file = files[0];
    } else {
      const parsed = actualsJsonSchema.safeParse(body);
      if (!parsed.success)
        throw new RequestValidationError(
          parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
        );
      target = parsed.data.target;
      file = { name: 'actuals.json', bytes: longRowsAsCsv(parsed.data.rows) };
    }
    const result = await parseActualsUpload(file, target);
    if (!result.ok && result.field === 'target')
      throw new RequestValidationError([{ field: 'target', message: result.reason }]);
    if (!result.ok)
      throw new ActualsRejectedError(result.reason, toValidationReportDto(result.report));
    const stored: ActualsAcceptedDto['stored'] = [];
    for (const [t, rows] of Object.entries(result.rows) as [Target, typeof result.rows.quantity][])
      if (rows && rows.length > 0)
        stored.push({ target: t, ...(await this.actuals.write(t, rows)) });
    return { stored, report: toValidationReportDto(result.report) };
  }
}
