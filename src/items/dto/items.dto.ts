import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { TARGETS, type Target } from '../../data/series-panel.js';
import { OptionalTargetField } from '../../data/target-field.decorator.js';
import { ISO_DATE_PATTERN, ITEM_CODE_EXAMPLE } from '../../serving/dto/predict.dto.js';
import { IsOmittable } from '../../common/validation/is-omittable.decorator.js';

/** Most items per GET /items page. */
export const MAX_ITEMS_PAGE = 200;
/** Most days one GET /items/:item_code/history answer covers. */
export const MAX_HISTORY_RANGE_DAYS = 1100;
/** Days of history when the request gives no `from`. */
export const DEFAULT_HISTORY_DAYS = 180;

/** GET /items query. */
export class ItemsQueryDto {
  @ApiPropertyOptional({
    example: 'pepper',
    description: 'Case-insensitive text found in the item code or name',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({
    example: 'Capsicum',
    description: 'Category name or code (case-insensitive, exact)',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({
    enum: TARGETS,
    description: 'Only items with a served forecast of this target',
  })
  @IsOmittable()
  @IsIn(TARGETS)
  forecast?: Target;

  @ApiPropertyOptional({
    minimum: 0,
    default: 0,
    description: 'Items to skip (in the order of the list: forecast items first, then by code)',
  })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  offset?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ITEMS_PAGE, default: 50 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ITEMS_PAGE)
  limit?: number;
}

/** Which targets have a forecast served for the item. */
export class ServedTargetsDto {
  @ApiProperty({ example: true }) quantity!: boolean;
  @ApiProperty({ example: true }) price!: boolean;
  @ApiProperty({ example: false }) wholesale!: boolean;
}

export class ItemSummaryDto {
  @ApiProperty({ example: ITEM_CODE_EXAMPLE }) item_code!: string;
  @ApiProperty({ example: 'Wuhu Green Pepper (1)', description: "'' when unknown" })
  name!: string;
  @ApiProperty({ example: 'Capsicum', description: "Category name ('' when unknown)" })
  category!: string;
  @ApiProperty({ example: '1011010504' }) category_code!: string;
  @ApiProperty({ example: 0.081, nullable: true, type: Number, description: 'Fraction 0..1' })
  loss_rate!: number | null;
  @ApiProperty({ example: '2020-07-01', nullable: true, type: String })
  first_sale_date!: string | null;
  @ApiProperty({ example: '2023-06-30', nullable: true, type: String })
  last_sale_date!: string | null;
  @ApiProperty({ example: 912, description: 'Days with a sale (net kg > 0)' })
  days_sold!: number;
  @ApiProperty({ type: ServedTargetsDto, description: 'Targets with a served forecast' })
  forecasts!: ServedTargetsDto;
}

export class ItemsPageDto {
  @ApiProperty({ type: [ItemSummaryDto] }) items!: ItemSummaryDto[];
  @ApiProperty({ example: 251, description: 'Items matching the query' }) total!: number;
  @ApiProperty({ example: 0 }) offset!: number;
  @ApiProperty({ example: 50 }) limit!: number;
  @ApiProperty({ example: 50, nullable: true, type: Number, description: 'null on the last page' })
  next_offset!: number | null;
  @ApiProperty({ example: ['Capsicum', 'Flower/Leaf Vegetables'], description: 'All categories' })
  categories!: string[];
}

/** GET /items/:item_code/history query. */
export class ItemHistoryQueryDto {
  @OptionalTargetField('Which panel column')
  target?: Target;

  @ApiPropertyOptional({
    example: '2023-01-01',
    description: `First day (default: ${DEFAULT_HISTORY_DAYS} days before \`to\`)`,
  })
  @IsOmittable()
  @IsString()
  @Matches(ISO_DATE_PATTERN, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({
    example: '2023-06-30',
    description: `Last day (default: the data's last date); at most ${MAX_HISTORY_RANGE_DAYS} days after from`,
  })
  @IsOmittable()
  @IsString()
  @Matches(ISO_DATE_PATTERN, { message: 'to must be YYYY-MM-DD' })
  to?: string;
}

export class HistoryDayDto {
  @ApiProperty({ example: '2023-06-30' }) date!: string;
  @ApiProperty({
    example: 12.4,
    nullable: true,
    type: Number,
    description: 'Panel value (kg or RMB/kg); null when missing',
  })
  value!: number | null;
  @ApiPropertyOptional({ example: 12.9, description: 'Actual posted to /data/actuals, if any' })
  posted_actual?: number;
  @ApiProperty({ example: true, description: 'On offer that day' }) listed!: boolean;
  @ApiProperty({ example: false, description: 'Chinese statutory day off' }) holiday!: boolean;
}

export class QuantilePointDto {
  @ApiProperty({ example: '2023-07-01' }) date!: string;
  @ApiProperty({ example: 7.2 }) p10!: number;
  @ApiProperty({ example: 11.5 }) p50!: number;
  @ApiProperty({ example: 16.9 }) p90!: number;
  @ApiProperty({ example: false }) holiday!: boolean;
}

export class ItemForecastDto {
  @ApiProperty({ example: 'quantity-ets-20230701T000000Z-ab12cd' }) model_version!: string;
  @ApiProperty({ example: '2023-06-30', description: 'Last day the forecast knew' })
  origin!: string;
  @ApiProperty({ type: [QuantilePointDto] }) points!: QuantilePointDto[];
}

export class ItemHistoryDto {
  @ApiProperty({ example: ITEM_CODE_EXAMPLE }) item_code!: string;
  @ApiProperty({ example: 'Wuhu Green Pepper (1)' }) name!: string;
  @ApiProperty({ example: 'Capsicum' }) category!: string;
  @ApiProperty({ enum: TARGETS, example: 'quantity' }) target!: Target;
  @ApiProperty({ example: 'kg', enum: ['kg', 'RMB/kg'] }) unit!: string;
  @ApiProperty({ example: '2023-01-01' }) from!: string;
  @ApiProperty({ example: '2023-06-30' }) to!: string;
  @ApiProperty({ type: [HistoryDayDto], description: 'One entry per day of the panel in range' })
  days!: HistoryDayDto[];
  @ApiProperty({
    type: ItemForecastDto,
    nullable: true,
    description: 'The served forecast of the prod model; null when the item has none',
  })
  forecast!: ItemForecastDto | null;
  @ApiProperty({
    type: [ItemForecastDto],
    description:
      'Forecasts logged by monitoring with an origin in [from, to] (newest 60), to compare with actuals',
  })
  past_forecasts!: ItemForecastDto[];
}
