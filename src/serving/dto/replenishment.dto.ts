import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SERVING_LIMITS } from '../serving.limits.js';
import { ISO_DATE_PATTERN, ITEM_CODE_EXAMPLE } from './predict.dto.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';
import { PRICE_SOURCES, type PriceSource } from '../panel-prices.js';

/** POST /replenishment body. */
export class ReplenishmentRequestDto {
  @ApiPropertyOptional({
    example: '2023-07-01',
    description:
      "Day to order for (default: the first forecast day, the day after the data's last date)",
  })
  @IsOmittable()
  @IsString()
  @Matches(ISO_DATE_PATTERN, { message: 'date must be YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({
    example: [ITEM_CODE_EXAMPLE],
    maxItems: SERVING_LIMITS.maxItems,
    description: `Items (at most ${SERVING_LIMITS.maxItems}, serving.maxItems). Without it: every forecast item, sorted by item code, a page at a time (offset, limit; the response's next_offset gives the next page)`,
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  // No ArrayMaxSize: ReplenishmentService checks the count against serving.maxItems (config).
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  item_codes?: string[];

  @ApiPropertyOptional({
    minimum: 0,
    description:
      "Without item_codes: where this page starts in every forecast item, sorted by item code (default 0; the previous page's next_offset)",
  })
  @IsOmittable()
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: SERVING_LIMITS.maxItems,
    description: `Without item_codes: items per page (default and most: serving.maxItems, ${SERVING_LIMITS.maxItems})`,
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  // No Max: ReplenishmentService checks it against serving.maxItems (config).
  limit?: number;

  @ApiPropertyOptional({
    example: 0.9,
    minimum: 0.01,
    maximum: 0.99,
    description: 'Probability of not running out; replaces the newsvendor critical ratio',
  })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(0.99)
  service_level?: number;
}

/** A price or cost for the order day, and where it came from. */
export class ObservedValueDto {
  @ApiProperty({ example: 4.2, description: 'RMB/kg' })
  value!: number;
  @ApiProperty({
    example: '2023-07-01',
    description:
      'The order day when forecast; the day it was last observed when source is last_observed',
  })
  date!: string;
  @ApiProperty({
    enum: PRICE_SOURCES,
    example: 'forecast',
    description:
      "forecast: the mean forecast of the order day by the target's prod model (price or wholesale); last_observed: the latest value in the data, used when no prod model of that target forecasts the item for the order day",
  })
  source!: PriceSource;
  @ApiPropertyOptional({
    example: 'wholesale-linear-20230701T000000Z-ab12cd',
    description: 'The price model that forecast the value (source forecast only)',
  })
  model_version?: string;
}

export class ReplenishmentInputsDto {
  @ApiProperty({ example: 8.1, description: 'Demand P10 (kg)' })
  demand_p10!: number;
  @ApiProperty({ example: 11.5, description: 'Demand P50 (kg)' })
  demand_p50!: number;
  @ApiProperty({ example: 16.9, description: 'Demand P90 (kg)' })
  demand_p90!: number;
  @ApiProperty({ example: 0.098, description: 'Loss rate, fraction of purchased kg' })
  loss_rate!: number;
  @ApiProperty({
    type: ObservedValueDto,
    description:
      "Unit cost: the wholesale model's forecast for the order day, else the latest wholesale price",
  })
  unit_cost!: ObservedValueDto;
  @ApiProperty({
    type: ObservedValueDto,
    description:
      "Expected selling price: the price model's forecast for the order day, else the latest average selling price",
  })
  unit_price!: ObservedValueDto;
  @ApiPropertyOptional({ example: 0.9, description: 'Service level requested, if any' })
  service_level?: number;
}

export class ReplenishmentAdviceDto {
  @ApiProperty({ example: 13.2, description: 'Order this many kg' })
  order_kg!: number;
  @ApiProperty({ example: 11.9, description: 'Sellable kg after losses' })
  sellable_kg!: number;
  @ApiProperty({
    example: 0.62,
    description: 'Probability level read from the demand distribution',
  })
  quantile_level!: number;
  @ApiProperty({ example: 0.62, description: 'Newsvendor critical ratio' })
  critical_ratio!: number;
  @ApiProperty({ example: 4.66, description: 'Cost of one sellable kg (RMB)' })
  cost_per_sellable_kg!: number;
  @ApiProperty({ example: 3.1, description: 'Expected margin per sold kg (RMB)' })
  expected_margin_per_kg!: number;
}

/** One item's advice, or why there is none. */
export class ReplenishmentItemDto {
  @ApiProperty({ example: ITEM_CODE_EXAMPLE, description: 'Item code' })
  item_code!: string;
  @ApiProperty({ example: 13.2, nullable: true, description: 'Order in kg; null when no advice' })
  order_kg!: number | null;
  @ApiPropertyOptional({ type: ReplenishmentInputsDto, description: 'What the advice used' })
  inputs?: ReplenishmentInputsDto;
  @ApiPropertyOptional({ type: ReplenishmentAdviceDto, description: 'Newsvendor numbers' })
  advice?: ReplenishmentAdviceDto;
  @ApiProperty({
    example: ['critical ratio = 3.1 / (3.1 + 4.66) = 0.4'],
    description: 'Reasoning, step by step',
  })
  reasoning!: string[];
  @ApiPropertyOptional({
    example: 'no wholesale price observed for this item',
    description: 'Why there is no advice (only then)',
  })
  reason?: string;
}

export class ReplenishmentResponseDto {
  @ApiProperty({ example: '2023-07-01', description: 'Day ordered for' })
  date!: string;
  @ApiProperty({ example: 'quantity-ets-20230701T000000Z-ab12cd', description: 'Demand model' })
  model_version!: string;
  @ApiProperty({ type: [ReplenishmentItemDto], description: 'Advised and skipped items' })
  items!: ReplenishmentItemDto[];
  @ApiProperty({
    example: 251,
    description: 'Items in the whole list: every forecast item, or the item_codes sent',
  })
  total_items!: number;
  @ApiProperty({
    example: 100,
    type: Number,
    nullable: true,
    description:
      'offset of the next page of every forecast item; null when this page ends the list',
  })
  next_offset!: number | null;
  @ApiProperty({ example: '5d0c2f5e-8f0b-4f1e-9a4e-0a4c3c1f2b7d', description: 'Request id' })
  request_id!: string;
  @ApiProperty({ example: 2.3, description: 'Server time spent, in ms' })
  processing_time_ms!: number;
}
