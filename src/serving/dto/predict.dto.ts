import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TARGETS, type Target } from '../../data/series-panel.js';
import { SERVING_LIMITS } from '../serving.limits.js';
import { OptionalTargetField } from '../../data/target-field.decorator.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** Items of the demo dataset (`npm start` on a fresh clone), so Swagger's "Try it out" examples work. */
export const ITEM_CODE_EXAMPLE = '102900065821321';
export const SECOND_ITEM_CODE_EXAMPLE = '102900071978515';

/** Request bodies offered by Swagger UI for POST /predict (one per way of calling it). */
export const PREDICT_BODY_EXAMPLES = {
  cached: {
    summary: 'One item from the forecast cache',
    value: { item_code: ITEM_CODE_EXAMPLE, horizon: 7 },
  },
  several: {
    summary: 'Several items at once',
    value: {
      item_codes: [ITEM_CODE_EXAMPLE, SECOND_ITEM_CODE_EXAMPLE],
      date: '2023-07-01',
      horizon: 3,
    },
  },
  onDemand: {
    summary: 'A new series with its own history (runs the model on demand)',
    value: {
      item_code: 'my-new-item',
      horizon: 7,
      history: Array.from({ length: 90 }, (_, i) => ({
        date: new Date(Date.UTC(2023, 3, 2 + i)).toISOString().slice(0, 10),
        value: [9.5, 8.8, 9.1, 9.4, 10.7, 14.2, 13.1][i % 7],
      })),
    },
  },
};

/** One observed day of a history sent for an on-demand forecast. */
export class HistoryPointDto {
  @ApiProperty({
    example: '2023-06-30',
    description: 'Day, ISO YYYY-MM-DD (ascending, no repeats)',
  })
  @IsString()
  @Matches(ISO_DATE_PATTERN, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({
    example: 12.4,
    minimum: 0,
    maximum: SERVING_LIMITS.maxHistoryValue,
    description: 'Observed value of the target that day (kg sold, or RMB/kg for price targets)',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'value must be a finite number' })
  @Min(0)
  @Max(SERVING_LIMITS.maxHistoryValue)
  value!: number;
}

/** POST /predict body. */
export class PredictRequestDto {
  @ApiPropertyOptional({
    example: ITEM_CODE_EXAMPLE,
    description: 'One item (give item_code or item_codes)',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  item_code?: string;

  @ApiPropertyOptional({
    example: [ITEM_CODE_EXAMPLE, SECOND_ITEM_CODE_EXAMPLE],
    maxItems: SERVING_LIMITS.maxItems,
    description: `Several items at once (up to ${SERVING_LIMITS.maxItems}); the response then holds results[]`,
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVING_LIMITS.maxItems)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  item_codes?: string[];

  @OptionalTargetField('What to forecast: kg sold, average selling price or wholesale price')
  target?: Target;

  @ApiPropertyOptional({
    example: '2023-07-01',
    description:
      "First forecast date wanted (default: the day after the data's last date, or after the history's last date)",
  })
  @IsOmittable()
  @IsString()
  @Matches(ISO_DATE_PATTERN, { message: 'date must be YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({
    example: 7,
    minimum: 1,
    maximum: SERVING_LIMITS.maxHorizon,
    description: "Days to forecast (default and maximum: the model's horizon)",
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(SERVING_LIMITS.maxHorizon)
  horizon?: number;

  @ApiPropertyOptional({
    type: [HistoryPointDto],
    maxItems: SERVING_LIMITS.maxHistoryDays,
    description:
      'Daily history of item_code (new item or newer data): the model runs on demand from the day after its last date',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVING_LIMITS.maxHistoryDays)
  @ValidateNested({ each: true })
  @Type(() => HistoryPointDto)
  history?: HistoryPointDto[];
}

/** GET /forecasts/:item_code query. */
export class ForecastQueryDto {
  @OptionalTargetField('Target')
  target?: Target;

  @ApiPropertyOptional({
    example: 7,
    minimum: 1,
    maximum: SERVING_LIMITS.maxHorizon,
    description: "Days (default and maximum: the model's horizon)",
  })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SERVING_LIMITS.maxHorizon)
  horizon?: number;
}

export class ItemCodeParamDto {
  @ApiProperty({ example: ITEM_CODE_EXAMPLE, description: 'Item code' })
  @IsString()
  @MaxLength(64)
  item_code!: string;
}

/** One forecast day. */
export class ForecastPointDto {
  @ApiProperty({ example: '2023-07-01', description: 'Day' })
  date!: string;
  @ApiProperty({ example: 11.8, description: 'Mean forecast' })
  mean!: number;
  @ApiProperty({ example: 7.2, description: '10th percentile' })
  p10!: number;
  @ApiProperty({ example: 11.5, description: 'Median' })
  p50!: number;
  @ApiProperty({ example: 16.9, description: '90th percentile' })
  p90!: number;
}

/** The forecast of one item. */
export class ItemPredictionDto {
  @ApiProperty({ example: ITEM_CODE_EXAMPLE, description: 'Item code' })
  item_code!: string;
  @ApiProperty({ enum: TARGETS, example: 'quantity', description: 'Target' })
  target!: Target;
  @ApiProperty({
    example: 'quantity-ets-20230701T000000Z-ab12cd',
    description: 'Model id that made it',
  })
  model_version!: string;
  @ApiProperty({
    enum: ['prod', 'canary'],
    example: 'prod',
    description: 'Which model answered: the prod model, or the canary candidate for this item',
  })
  served_by!: 'prod' | 'canary';
  @ApiProperty({ type: [ForecastPointDto], description: 'One entry per day' })
  forecast!: ForecastPointDto[];
  @ApiProperty({
    example: true,
    description: 'Served from the forecast cache (false: run on demand)',
  })
  cached!: boolean;
  @ApiProperty({
    example: ['quantity history'],
    description: 'Inputs the model used',
  })
  features_used!: string[];
}

/** POST /predict (one item) and GET /forecasts/:item_code response. */
export class PredictResponseDto extends ItemPredictionDto {
  @ApiProperty({ example: '5d0c2f5e-8f0b-4f1e-9a4e-0a4c3c1f2b7d', description: 'Request id' })
  request_id!: string;
  @ApiProperty({ example: 1.7, description: 'Server time spent, in ms' })
  processing_time_ms!: number;
}

/** POST /predict response with item_codes. */
export class PredictManyResponseDto {
  @ApiProperty({ type: [ItemPredictionDto], description: 'One result per item, in request order' })
  results!: ItemPredictionDto[];
  @ApiProperty({ example: '5d0c2f5e-8f0b-4f1e-9a4e-0a4c3c1f2b7d', description: 'Request id' })
  request_id!: string;
  @ApiProperty({ example: 3.1, description: 'Server time spent, in ms' })
  processing_time_ms!: number;
}
