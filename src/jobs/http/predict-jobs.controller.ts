import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  type StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JobSubmission } from '../../common/http/rate-limit.guard.js';
import { ApiErrorResponses } from '../../common/swagger/api-error-responses.decorator.js';
import { DatasetService } from '../../data/dataset.service.js';
import { ModelRegistryService } from '../../registry/model-registry.service.js';
import { checkHorizon } from '../../serving/forecast-window.js';
import { JobName } from '../../common/job-names.js';
import { registeredModelOrNull, requireRegisteredModel } from './registered-model.check.js';
import { checkBatchDate, toBatchPredictPayload } from './batch-predict.request.js';
import { streamBatchResult } from './batch-result.format.js';
import { BatchResultReader } from './batch-result.reader.js';
import { BatchJobStatusDto } from './dto/batch-job-status.dto.js';
import {
  BATCH_PREDICT_BODY_EXAMPLES,
  BatchPredictRequestDto,
} from './dto/batch-predict-request.dto.js';
import { BATCH_CSV_EXAMPLE, BatchResultDto, BatchResultQueryDto } from './dto/batch-result.dto.js';
import { BatchJobAcceptedDto } from './dto/job-accepted.dto.js';
import { BATCH_JOB_ID_EXAMPLE, JobIdParamDto } from './dto/job-id-param.dto.js';
import { ApiIdempotencyKeyHeader, IdempotencyKey } from './idempotency-key.decorator.js';
import { JobFailedError, JobNotFinishedError } from './job-http.errors.js';
import { jobRequester } from './job-requester.js';
import { jobUrls } from './job-urls.js';
import { toBatchJobStatus } from './job-view.mapping.js';
import { JobsHttpService } from './jobs-http.service.js';
import { locationHeaderDoc } from './location-header.js';

/** Batch forecasts as jobs: submit, poll, fetch the result as JSON or CSV. */
@ApiTags('batch predictions')
@Controller('predict')
export class PredictJobsController {
  constructor(
    private readonly jobs: JobsHttpService,
    private readonly results: BatchResultReader,
    private readonly registry: ModelRegistryService,
    private readonly datasets: DatasetService,
  ) {}

  @Post('batch')
  @HttpCode(202)
  @JobSubmission()
  @ApiOperation({
    summary: 'Forecast many items (or all) as a background job',
    description:
      'Queues a batch-predict job with a registered model (prod by default) and answers at once ' +
      'with where to poll it. Resend with the same Idempotency-Key to get the same job back ' +
      '(keys are per client). With client keys configured, only the key that submitted a job ' +
      '(or an admin key) can read it.',
  })
  @ApiIdempotencyKeyHeader()
  @ApiBody({ type: BatchPredictRequestDto, examples: BATCH_PREDICT_BODY_EXAMPLES })
  @ApiAcceptedResponse({
    type: BatchJobAcceptedDto,
    headers: locationHeaderDoc(jobUrls.batchStatus(BATCH_JOB_ID_EXAMPLE)),
  })
  @ApiErrorResponses(400, 409, 413, 429, 503)
  async submit(
    @Body() body: BatchPredictRequestDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<BatchJobAcceptedDto> {
    const payload = toBatchPredictPayload(body);
    const target = payload.target ?? 'quantity';
    // A named model must be registered; the default (prod) is checked when the registry holds it
    // (a first start may still be training it: then the job resolves it when it runs).
    const model =
      body.model === undefined
        ? await registeredModelOrNull(this.registry, target, 'prod')
        : await requireRegisteredModel(this.registry, target, body.model);
    if (model !== null && body.horizon !== undefined) checkHorizon(model, body.horizon);
    // Against the data this process holds (none yet while a first start loads it: the job checks).
    const panel = this.datasets.panel;
    if (panel !== null && body.date !== undefined) checkBatchDate(panel, body.date);
    const { id, deduplicated } = await this.jobs.submit(
      JobName.BatchPredict,
      payload,
      idempotencyKey,
      jobRequester(res.request),
    );
    res.header('Location', jobUrls.batchStatus(id));
    return {
      job_id: id,
      status_url: jobUrls.batchStatus(id),
      result_url: jobUrls.batchResult(id),
      deduplicated,
    };
  }

  @Get('jobs/:id')
  @ApiOperation({
    summary: 'State of a batch-predict job',
    description: 'Progress while it runs; result_url and a summary once completed.',
  })
  @ApiOkResponse({ type: BatchJobStatusDto })
  @ApiErrorResponses(400, 404, 503)
  async status(
    @Param() path: JobIdParamDto,
    @Req() req: FastifyRequest,
  ): Promise<BatchJobStatusDto> {
    const view = await this.jobs.batchJob(path.id, jobRequester(req));
    const summary = view.state === 'completed' ? await this.results.summary(view) : null;
    return toBatchJobStatus(view, summary);
  }

  @Get('jobs/:id/result')
  @ApiOperation({
    summary: "A completed batch-predict job's forecasts, as JSON or CSV",
    description:
      'Streamed. CSV: one row per item and day (`item_code,date,mean,p10,p50,p90`) as an ' +
      'attachment. 409 job_not_finished before it completes, 409 job_failed when it failed or ' +
      'was cancelled.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(BatchResultDto)
  @ApiOkResponse({
    description: 'The forecasts',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(BatchResultDto) } },
      'text/csv': { schema: { type: 'string', example: BATCH_CSV_EXAMPLE } },
    },
  })
  @ApiErrorResponses(400, 404, 409, 503)
  async result(
    @Param() path: JobIdParamDto,
    @Query() query: BatchResultQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<StreamableFile> {
    const view = await this.jobs.batchJob(path.id, jobRequester(req));
    if (view.state === 'failed' || view.state === 'cancelled') {
      throw new JobFailedError(view.id, view.state, view.error);
    }
    if (view.state !== 'completed') {
      throw new JobNotFinishedError(view.id, view.state);
    }
    const result = await this.results.read(view);
    return streamBatchResult(view.id, result, query.format ?? view.payload.format);
  }
}
