import { Controller, Get, HttpCode, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireContentType } from '../common/http/content-type.guard.js';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import { defaultFeatureSpec } from '../features/default-feature.spec.js';
import type { FeatureSpec } from '../features/feature-spec.types.js';
import { FeatureSpecDto } from './dto/feature-spec.dto.js';
import {
  MAX_UPLOAD_FILES,
  UPLOAD_FIELDS,
  uploadsFrom,
  ValidateUploadBodyDto,
  type UploadedFields,
} from './dto/validate-upload.dto.js';
import { ValidationReportDto } from './dto/validation-report.dto.js';
import { validateUploads } from './validation/validate-uploads.js';
import type { ValidationReport } from './validation/validation-report.types.js';

@ApiTags('data')
@Controller('data')
export class DataController {
  @Post('validate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Validate uploaded data files',
    description:
      'Reads the uploaded annex files (any of the four) or a long-format file and returns the ' +
      'validation report: schema, types, ranges, duplicates, gaps, returns, unknown items. Errors ' +
      'in the data are reported in the body (200), not as an HTTP error.',
  })
  @RequireContentType('multipart/form-data')
  @UseInterceptors(
    FileFieldsInterceptor([
      { name: UPLOAD_FIELDS.many, maxCount: MAX_UPLOAD_FILES },
      { name: UPLOAD_FIELDS.one, maxCount: 1 },
    ]),
  )
  @ApiBody({ type: ValidateUploadBodyDto })
  @ApiOkResponse({
    type: ValidationReportDto,
    description: 'The validation report; summary.ok is false when the data has errors',
  })
  @ApiErrorResponses(400, 413)
  validate(@UploadedFiles() files: UploadedFields | undefined): Promise<ValidationReport> {
    return validateUploads(uploadsFrom(files));
  }

  @Get('features')
  @ApiOperation({
    summary: 'The FeatureSpec (versioned feature definitions) models are trained with',
  })
  @ApiOkResponse({ type: FeatureSpecDto })
  features(): FeatureSpec {
    return defaultFeatureSpec();
  }
}
