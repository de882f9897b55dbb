import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { ApiErrorResponses } from '../common/swagger/api-error-responses.decorator.js';
import {
  SageMakerModelService,
  type DeepArResponse,
  type SageMakerModelState,
} from './sagemaker-model.service.js';

export interface PingResponse {
  status: SageMakerModelState;
}

/** The SageMaker container contract: GET /ping, POST /invocations (DeepAR shapes). Not rate limited. */
@ApiTags('sagemaker')
@SkipThrottle()
@Controller()
export class SageMakerController {
  constructor(private readonly model: SageMakerModelService) {}

  @Get('ping')
  @ApiOperation({ summary: 'SageMaker health check: 200 once the model is loaded, 503 before' })
  @ApiOkResponse({ description: '{status: "ready"}' })
  @ApiServiceUnavailableResponse({ description: '{status: "loading" | "failed" | "closed"}' })
  ping(@Res({ passthrough: true }) res: FastifyReply): PingResponse {
    const status = this.model.state;
    res.status(status === 'ready' ? 200 : 503);
    return { status };
  }

  @Post('invocations')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'DeepAR-shaped forecast: {instances: [{start, target}], configuration: {quantiles, prediction_length}}',
  })
  @ApiOkResponse({ description: '{predictions: [{mean, quantiles: {"0.1": [...], ...}}]}' })
  @ApiErrorResponses(400, 503)
  invoke(@Body() body: unknown): Promise<DeepArResponse> {
    return this.model.invoke(body);
  }
}
