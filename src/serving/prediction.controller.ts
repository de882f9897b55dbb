import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { RequestId } from '../common/request-id/request-id.decorator.js';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import {
  ForecastQueryDto,
  ItemCodeParamDto,
  PREDICT_BODY_EXAMPLES,
  PredictManyResponseDto,
  PredictRequestDto,
  PredictResponseDto,
} from './dto/predict.dto.js';
import type { PredictRequest } from './dto/predict-request.validator.js';
import { PredictRequestPipe } from './predict-request.pipe.js';
import { PredictionService } from './prediction.service.js';

@ApiTags('predictions')
@Controller()
export class PredictionController {
  constructor(private readonly predictions: PredictionService) {}

  @Post('predict')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Forecast P10/P50/P90 per day for one or several items',
    description:
      'From the forecast cache of the prod model; with `history` the model runs on demand ' +
      '(micro-batched with concurrent requests). 503 while no model is loaded.',
  })
  @ApiBody({ type: PredictRequestDto, examples: PREDICT_BODY_EXAMPLES })
  @ApiExtraModels(PredictResponseDto, PredictManyResponseDto)
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(PredictResponseDto) },
        { $ref: getSchemaPath(PredictManyResponseDto) },
      ],
    },
  })
  @ApiErrorResponses(400, 404, 413, 415, 503)
  predict(
    // Checked by the precompiled PredictRequestPipe (the rules of PredictRequestDto with the
    // configured limits); the type is an interface, so the global ValidationPipe leaves it alone.
    @Body(PredictRequestPipe) body: PredictRequest,
    @RequestId() requestId: string,
  ): Promise<PredictResponseDto | PredictManyResponseDto> {
    return this.predictions.predict(body, requestId);
  }

  @Get('forecasts/:item_code')
  @ApiOperation({ summary: "An item's cached forecast from the day after the data's last date" })
  @ApiOkResponse({ type: PredictResponseDto })
  @ApiErrorResponses(400, 404, 503)
  forecast(
    @Param() path: ItemCodeParamDto,
    @Query() query: ForecastQueryDto,
    @RequestId() requestId: string,
  ): Promise<PredictResponseDto> {
    return this.predictions.forecast(path.item_code, query.target, query.horizon, requestId);
  }
}
