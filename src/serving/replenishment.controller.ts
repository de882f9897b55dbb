import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequestId } from '../common/request-id/request-id.decorator.js';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import { ReplenishmentRequestDto, ReplenishmentResponseDto } from './dto/replenishment.dto.js';
import { ReplenishmentService } from './replenishment.service.js';

@ApiTags('predictions')
@Controller('replenishment')
export class ReplenishmentController {
  constructor(private readonly replenishment: ReplenishmentService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Order advice (kg) per item for a day',
    description:
      'Newsvendor with spoilage: demand quantiles of the prod quantity model, loss rate, and the ' +
      "order day's wholesale cost and selling price, forecast by the prod wholesale and price models " +
      'when they serve the item and the day, else the last observed values; each item says which ' +
      '(inputs.unit_cost.source, inputs.unit_price.source). Items lacking data are listed with a reason.',
  })
  @ApiOkResponse({ type: ReplenishmentResponseDto })
  @ApiErrorResponses(400, 413, 415, 503)
  advise(
    @Body() body: ReplenishmentRequestDto,
    @RequestId() requestId: string,
  ): Promise<ReplenishmentResponseDto> {
    return this.replenishment.advise(body, requestId);
  }
}
