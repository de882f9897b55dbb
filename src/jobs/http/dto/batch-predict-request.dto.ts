import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { Target } from '../../../data/series-panel.js';
import { ITEM_CODE_EXAMPLE, SECOND_ITEM_CODE_EXAMPLE } from '../../../serving/dto/predict.dto.js';
import { IsCalendarDate } from './calendar-date.validator.js';
import { OptionalTargetField } from '../../../data/target-field.decorator.js';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator.js';
import { MAX_HORIZON_DAYS } from '../../../common/forecast-horizon.js';

/** Item codes per request: 10,000 codes stay well inside the default 1 MB JSON body limit. */
export const BATCH_MAX_ITEMS = 10_000;
/** Jobs forecast as far as the API does (src/common/forecast-horizon.ts). */
export const JOB_MAX_HORIZON = MAX_HORIZON_DAYS;
export const RESULT_FORMATS = ['json', 'csv'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];
/** A registered model: a version id, `prod`, or an alias such as `champion`. */
export const MODEL_REF_PATTERN = /^[A-Za-z0-9._-]+$/;
export const MODEL_REF_MAX = 200;

/** Request bodies offered by Swagger UI for POST /predict/batch. */
export const BATCH_PREDICT_BODY_EXAMPLES = {
  all: { summary: 'Every item, the prod model, 28 days', value: { horizon: 28 } },
  some: {
    summary: 'Some items from a date, as CSV',
    value: {
      item_codes: [ITEM_CODE_EXAMPLE, SECOND_ITEM_CODE_EXAMPLE],
      date: '2023-07-01',
      horizon: 7,
      format: 'csv',
    },
  },
};

/** POST /predict/batch body. */
export class BatchPredictRequestDto {
  @ApiPropertyOptional({
    example: [ITEM_CODE_EXAMPLE, SECOND_ITEM_CODE_EXAMPLE],
    minItems: 1,
    maxItems: BATCH_MAX_ITEMS,
    description: `Items to forecast (1 to ${BATCH_MAX_ITEMS}); leave out (or send all: true) for every item`,
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_MAX_ITEMS)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(64, { each: true })
  item_codes?: string[];

  @ApiPropertyOptional({
    example: true,
    description: 'Every item with enough history (not together with item_codes)',
  })
  @IsOmittable()
  @IsBoolean()
  all?: boolean;

  @OptionalTargetField('What to forecast: kg sold, average selling price or wholesale price')
  target?: Target;

  @ApiPropertyOptional({
    example: 28,
    minimum: 1,
    maximum: JOB_MAX_HORIZON,
    description: "Days to forecast (default: the model's horizon)",
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(JOB_MAX_HORIZON)
  horizon?: number;

  @ApiPropertyOptional({
    example: '2023-07-01',
    description: "First forecast day, YYYY-MM-DD (default: the day after the data's last date)",
  })
  @IsOmittable()
  @IsString()
  @IsCalendarDate({ message: 'date must be a calendar date YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({
    enum: RESULT_FORMATS,
    example: 'json',
    default: 'json',
    description: 'How the result route answers by default (it can ask for the other one)',
  })
  @IsOmittable()
  @IsIn(RESULT_FORMATS)
  format?: ResultFormat;

  @ApiPropertyOptional({
    example: 'prod',
    default: 'prod',
    maxLength: MODEL_REF_MAX,
    description: 'Registered model: a version id, prod, or an alias (champion, challenger...)',
  })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(MODEL_REF_MAX)
  @Matches(MODEL_REF_PATTERN, { message: 'model must be a model id, prod or an alias' })
  model?: string;
}
