import { BATCH_CSV_HEADER } from '../batch-result.chunks.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ForecastPointDto, ITEM_CODE_EXAMPLE } from '../../../serving/dto/predict.dto.js';
import { RESULT_FORMATS, type ResultFormat } from './batch-predict-request.dto.js';
import { BatchSummaryDto } from './batch-job-status.dto.js';
import { BATCH_JOB_ID_EXAMPLE } from './job-id-param.dto.js';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator.js';

/** GET /predict/jobs/:id/result query. */
export class BatchResultQueryDto {
  @ApiPropertyOptional({
    enum: RESULT_FORMATS,
    example: 'csv',
    description: 'json or csv (default: the format the job was submitted with)',
  })
  @IsOmittable()
  @IsIn(RESULT_FORMATS)
  format?: ResultFormat;
}

/** The forecast of one item in a batch result. */
export class BatchItemForecastDto {
  @ApiProperty({ example: ITEM_CODE_EXAMPLE, description: 'Item code' })
  item_code!: string;

  @ApiProperty({ type: [ForecastPointDto], description: 'One entry per day, in date order' })
  forecast!: ForecastPointDto[];
}

/** GET /predict/jobs/:id/result as JSON. */
export class BatchResultDto {
  @ApiProperty({ example: BATCH_JOB_ID_EXAMPLE, description: 'Job id' })
  job_id!: string;

  @ApiProperty({
    example: 'quantity-ets-20230701T000000Z-ab12cd',
    description: 'Model id that made the forecasts',
  })
  model_version!: BatchSummaryDto['model_version'];

  @ApiProperty({ example: 'quantity', description: 'Target' })
  target!: BatchSummaryDto['target'];

  @ApiProperty({ example: 28, description: 'Days forecast per item' })
  horizon!: number;

  @ApiProperty({ example: '2023-06-30', description: 'Last day of data: forecasts start after' })
  cutoff!: string;

  @ApiProperty({
    example: [],
    type: [String],
    description: 'Asked-for items the data does not have (or with too little history)',
  })
  missing!: string[];

  @ApiProperty({ type: [BatchItemForecastDto], description: 'One entry per item forecast' })
  forecasts!: BatchItemForecastDto[];
}

/** Columns of the CSV result. */
export const BATCH_CSV_EXAMPLE = `${BATCH_CSV_HEADER}\n${ITEM_CODE_EXAMPLE},2023-07-01,11.8,7.2,11.5,16.9\n`;
