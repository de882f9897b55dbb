import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import { ItemCodeParamDto } from '../serving/dto/predict.dto.js';
import {
  ItemHistoryDto,
  ItemHistoryQueryDto,
  ItemsPageDto,
  ItemsQueryDto,
  MAX_HISTORY_RANGE_DAYS,
  MAX_ITEMS_PAGE,
} from './dto/items.dto.js';
import { ItemsService } from './items.service.js';

@ApiTags('items')
@Controller('items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  @ApiOperation({
    summary: 'The items of the data set: search by code, name or category, a page at a time',
    description:
      `Each item with its name, category, loss rate, first and last sale date, days sold and ` +
      'which targets have a served forecast. Items with a served demand forecast come first, then ' +
      'those with a price or wholesale forecast only, then those without any; by item code within ' +
      `each group, at most ${MAX_ITEMS_PAGE} per page. ` +
      '503 while the data is loading.',
  })
  @ApiOkResponse({ type: ItemsPageDto })
  @ApiErrorResponses(400, 503)
  list(@Query() query: ItemsQueryDto): ItemsPageDto {
    return this.items.list(query);
  }

  @Get(':item_code/history')
  @ApiOperation({
    summary: "An item's daily panel values, its served forecast and past logged forecasts",
    description:
      `Daily values of one target in [from, to] (at most ${MAX_HISTORY_RANGE_DAYS} days), with ` +
      'posted actuals and statutory holidays marked; the prod model’s forecast and the forecasts ' +
      'monitoring logged in the range, to set against what sold.',
  })
  @ApiOkResponse({ type: ItemHistoryDto })
  @ApiErrorResponses(400, 404, 503)
  history(
    @Param() path: ItemCodeParamDto,
    @Query() query: ItemHistoryQueryDto,
  ): Promise<ItemHistoryDto> {
    return this.items.history(path.item_code, query);
  }
}
