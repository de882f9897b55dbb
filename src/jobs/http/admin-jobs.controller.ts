import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminOnly } from '../../common/auth/admin-only.decorator.js';
import { ApiErrorResponses } from '../../common/swagger/api-error-responses.decorator.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobNameOf, JobPayloadInput } from '../job-catalog.types.js';
import { JobName } from '../../common/job-names.js';
import {
  toBacktestPayload,
  toRefreshForecastsPayload,
  toTrainPayload,
} from './admin-job.requests.js';
import { BACKTEST_BODY_EXAMPLES, BacktestJobRequestDto } from './dto/backtest-job-request.dto.js';
import { JobAcceptedDto } from './dto/job-accepted.dto.js';
import { JobCancelledDto } from './dto/job-cancelled.dto.js';
import { JobDetailDto, JobListDto } from './dto/job-detail.dto.js';
import { JobIdParamDto, TRAIN_JOB_ID_EXAMPLE } from './dto/job-id-param.dto.js';
import { JobListQueryDto } from './dto/job-list-query.dto.js';
import { RefreshForecastsJobRequestDto } from './dto/refresh-forecasts-job-request.dto.js';
import { TrainJobRequestDto } from './dto/train-job-request.dto.js';
import { ApiIdempotencyKeyHeader, IdempotencyKey } from './idempotency-key.decorator.js';
import { jobUrls } from './job-urls.js';
import { toJobDetail } from './job-view.mapping.js';
import { jobRequester } from './job-requester.js';
import { JobsHttpService } from './jobs-http.service.js';
import { locationHeaderDoc } from './location-header.js';

const ACCEPTED = {
  type: JobAcceptedDto,
  headers: locationHeaderDoc(jobUrls.adminStatus(TRAIN_JOB_ID_EXAMPLE)),
};

/** Admin routes over the job queue (x-api-key): retrain, backtest, refresh forecasts; inspect and cancel jobs. */
@ApiTags('jobs')
@AdminOnly()
@Controller('admin')
export class AdminJobsController {
  constructor(private readonly jobs: JobsHttpService) {}

  @Post('retrain')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Train model kinds for a target as a background job',
    description:
      'Each kind is trained, backtested and registered in staging; the best is promoted to prod ' +
      'when it passes the promotion gates (unless promote is false).',
  })
  @ApiIdempotencyKeyHeader()
  @ApiBody({ type: TrainJobRequestDto })
  @ApiAcceptedResponse(ACCEPTED)
  @ApiErrorResponses(400, 409, 503)
  retrain(
    @Body() body: TrainJobRequestDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<JobAcceptedDto> {
    return this.submit(JobName.Train, toTrainPayload(body), key, res);
  }

  @Post('backtest')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rolling-origin backtest as a background job',
    description: 'Of a registered model (model) or of an untrained kind with params (kind).',
  })
  @ApiIdempotencyKeyHeader()
  @ApiBody({ type: BacktestJobRequestDto, examples: BACKTEST_BODY_EXAMPLES })
  @ApiAcceptedResponse(ACCEPTED)
  @ApiErrorResponses(400, 409, 503)
  backtest(
    @Body() body: BacktestJobRequestDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<JobAcceptedDto> {
    return this.submit(JobName.Backtest, toBacktestPayload(body), key, res);
  }

  @Post('refresh-forecasts')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Recompute the forecast cache with the prod model(s) as a background job',
  })
  @ApiIdempotencyKeyHeader()
  @ApiBody({ type: RefreshForecastsJobRequestDto, required: false })
  @ApiAcceptedResponse(ACCEPTED)
  @ApiErrorResponses(400, 409, 503)
  refreshForecasts(
    @Body() body: RefreshForecastsJobRequestDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<JobAcceptedDto> {
    return this.submit(JobName.RefreshForecasts, toRefreshForecastsPayload(body), key, res);
  }

  @Get('jobs')
  @ApiOperation({ summary: 'Jobs, newest first, filtered by state and name' })
  @ApiOkResponse({ type: JobListDto })
  @ApiErrorResponses(400, 503)
  async list(@Query() query: JobListQueryDto): Promise<JobListDto> {
    const views = await this.jobs.list({
      state: query.state,
      name: query.name,
      limit: query.limit,
    });
    return { jobs: views.map(toJobDetail) };
  }

  @Get('jobs/:id')
  @ApiOperation({ summary: 'One job in full: state, progress, payload, result or its pointer' })
  @ApiOkResponse({ type: JobDetailDto })
  @ApiErrorResponses(400, 404, 503)
  async get(@Param() path: JobIdParamDto): Promise<JobDetailDto> {
    return toJobDetail(await this.jobs.job(path.id));
  }

  @Delete('jobs/:id')
  @ApiOperation({
    summary: 'Cancel a job',
    description:
      'A job that has not started is cancelled at once; a running one is told to stop ' +
      '(cancelling); a finished one is left as it is (finished).',
  })
  @ApiOkResponse({ type: JobCancelledDto })
  @ApiErrorResponses(400, 404, 503)
  async cancel(@Param() path: JobIdParamDto): Promise<JobCancelledDto> {
    return { job_id: path.id, outcome: await this.jobs.cancel(path.id) };
  }

  private async submit<N extends JobNameOf<FreshcastJobCatalog>>(
    name: N,
    payload: JobPayloadInput<FreshcastJobCatalog, N>,
    key: string | undefined,
    res: FastifyReply,
  ): Promise<JobAcceptedDto> {
    const { id, deduplicated } = await this.jobs.submit(
      name,
      payload,
      key,
      jobRequester(res.request),
    );
    res.header('Location', jobUrls.adminStatus(id));
    return { job_id: id, status_url: jobUrls.adminStatus(id), deduplicated };
  }
}
