import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminOnly } from '../../common/auth/admin-only.decorator.js';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import { ModelRegistryService } from '../../registry/model-registry.service.js';
import { ApiErrorResponses } from '../../common/swagger/api-error-responses.decorator.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobNameOf, JobPayloadInput } from '../job-catalog.types.js';
import { JobName } from '../../common/job-names.js';
import {
  toBacktestPayload,
  toRefreshForecastsPayload,
  toTrainPayload,
  toTunePayload,
  tunedRetrainKind,
  withTunedParams,
} from './admin-job.requests.js';
import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import type { ListJobsOptions } from '../job-queue.port.js';
import { JobNotFoundError } from './job-http.errors.js';
import { resolveTunedParams, TunedParamsError } from '../tuned-params.js';
import { BACKTEST_BODY_EXAMPLES, BacktestJobRequestDto } from './dto/backtest-job-request.dto.js';
import { JobAcceptedDto } from './dto/job-accepted.dto.js';
import { JobCancelledDto } from './dto/job-cancelled.dto.js';
import { JobDetailDto, JobListDto } from './dto/job-detail.dto.js';
import { JobIdParamDto, TRAIN_JOB_ID_EXAMPLE } from './dto/job-id-param.dto.js';
import { JobListQueryDto } from './dto/job-list-query.dto.js';
import { RefreshForecastsJobRequestDto } from './dto/refresh-forecasts-job-request.dto.js';
import { TrainJobRequestDto } from './dto/train-job-request.dto.js';
import { TuneJobRequestDto } from './dto/tune-job-request.dto.js';
import { ApiIdempotencyKeyHeader, IdempotencyKey } from './idempotency-key.decorator.js';
import { jobUrls } from './job-urls.js';
import { assertKindParams } from './kind-params.check.js';
import { assertTuneWindowsFit } from './tune-windows.check.js';
import { assertBacktestWindowsFit } from './backtest-windows.check.js';
import { backtestPayloadSchema } from '../job-payloads.js';
import { DatasetService } from '../../data/dataset.service.js';
import { requireRegisteredModel } from './registered-model.check.js';
import { toJobDetail } from './job-view.mapping.js';
import { jobRequester } from './job-requester.js';
import { JobsHttpService } from './jobs-http.service.js';
import { locationHeaderDoc } from './location-header.js';

const ACCEPTED = {
  type: JobAcceptedDto,
  headers: locationHeaderDoc(jobUrls.adminStatus(TRAIN_JOB_ID_EXAMPLE)),
};

/** Admin routes over the job queue (x-api-key): retrain, tune, backtest, refresh forecasts; inspect and cancel jobs. */
@ApiTags('jobs')
@AdminOnly()
@Controller('admin')
export class AdminJobsController {
  /** The kind a retrain without `models` trains. */
  private readonly defaultKind: string;
  /** A job's horizon without `horizon`, and the backtest windows a retrain scores (a tune's evaluation windows). */
  private readonly defaults: { horizon: number; evaluationWindows: number };

  constructor(
    private readonly jobs: JobsHttpService,
    private readonly registry: ModelRegistryService,
    private readonly datasets: DatasetService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.defaultKind = config.forecasting.defaultModel;
    this.defaults = {
      horizon: config.forecasting.horizon,
      evaluationWindows: config.forecasting.backtest.windows,
    };
  }

  @Post('retrain')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Train model kinds for a target as a background job',
    description:
      'Each kind is trained, backtested and registered in staging; the best is promoted to prod ' +
      'when it passes the promotion gates (unless promote is false). With tune_job, the kind a ' +
      'tune job searched is trained with its best params (400 when the job is unknown, unfinished, ' +
      'or for another kind or target). params a kind refuses are a 400 naming the kind and the param, ' +
      'and backtest_windows the loaded data has too few days for a 400 naming backtest_windows.',
  })
  @ApiIdempotencyKeyHeader()
  @ApiBody({ type: TrainJobRequestDto })
  @ApiAcceptedResponse(ACCEPTED)
  @ApiErrorResponses(400, 409, 503)
  async retrain(
    @Body() body: TrainJobRequestDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<JobAcceptedDto> {
    const payload = await this.trainPayload(body);
    if (body.params !== undefined)
      await assertKindParams(payload.kinds ?? [this.defaultKind], body.params);
    assertBacktestWindowsFit(
      this.datasets.panel,
      payload.backtestWindows ?? this.defaults.evaluationWindows,
      payload.horizon ?? this.defaults.horizon,
      'backtest_windows',
    );
    return this.submit(JobName.Train, payload, key, res);
  }

  @Post('tune')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Hyperparameter search for one model kind as a background job',
    description:
      "Successive halving over the kind's parameter space within budget_s, each trial scored with " +
      'the reference backtest on windows before the evaluation windows. The result lists every ' +
      'trial and the best params; POST /admin/retrain with tune_job trains with them. 400 naming ' +
      'tuning_windows when the loaded data has too few days for the windows.',
  })
  @ApiIdempotencyKeyHeader()
  @ApiBody({ type: TuneJobRequestDto })
  @ApiAcceptedResponse(ACCEPTED)
  @ApiErrorResponses(400, 409, 503)
  tune(
    @Body() body: TuneJobRequestDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<JobAcceptedDto> {
    const payload = toTunePayload(body);
    assertTuneWindowsFit(this.datasets.panel, payload, this.defaults);
    return this.submit(JobName.Tune, payload, key, res);
  }

  @Post('backtest')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rolling-origin backtest as a background job',
    description:
      'Of a registered model (model) or of an untrained kind with params (kind). 400 for a model ' +
      'the registry does not hold, params with model, params the kind refuses, or windows the ' +
      'loaded data has too few days for.',
  })
  @ApiIdempotencyKeyHeader()
  @ApiBody({ type: BacktestJobRequestDto, examples: BACKTEST_BODY_EXAMPLES })
  @ApiAcceptedResponse(ACCEPTED)
  @ApiErrorResponses(400, 409, 503)
  async backtest(
    @Body() body: BacktestJobRequestDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<JobAcceptedDto> {
    const payload = toBacktestPayload(body);
    if (payload.kind !== undefined && payload.params !== undefined)
      await assertKindParams([payload.kind], payload.params);
    // As for batch forecasts, an empty prod stage is left to the job: a first start may be training it.
    const model =
      payload.model !== undefined && payload.model !== 'prod'
        ? await requireRegisteredModel(this.registry, payload.target ?? 'quantity', payload.model)
        : undefined;
    // The job's horizon: asked, else the model's, else the configured one (for a kind); an
    // unresolved prod model's is left to the job.
    const horizon =
      payload.horizon ??
      model?.horizon ??
      (payload.kind !== undefined ? this.defaults.horizon : undefined);
    // With the payload's own default windows; a payload the schema refuses is refused at submission.
    const parsed = backtestPayloadSchema.safeParse(payload);
    if (horizon !== undefined && parsed.success)
      assertBacktestWindowsFit(this.datasets.panel, parsed.data.windows, horizon, 'windows');
    return this.submit(JobName.Backtest, payload, key, res);
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

  /**
   * The train payload of a retrain body; with tune_job, the tuned kind and its best params (400 naming
   * tune_job when that job is unknown, unfinished, or for another kind or target).
   */
  private async trainPayload(
    body: TrainJobRequestDto,
  ): Promise<JobPayloadInput<FreshcastJobCatalog, 'train'>> {
    const payload = toTrainPayload(body);
    if (body.tune_job === undefined) return payload;
    const kind = tunedRetrainKind(body);
    const lookup = {
      get: (id: string) =>
        this.jobs.job(id).catch((e: unknown) => {
          if (e instanceof JobNotFoundError) return null;
          throw e;
        }),
      list: (opts: ListJobsOptions) => this.jobs.list(opts),
    };
    try {
      const target = payload.target ?? 'quantity';
      const tuned = await resolveTunedParams(lookup, body.tune_job, target, kind);
      return withTunedParams(payload, tuned);
    } catch (err) {
      if (!(err instanceof TunedParamsError)) throw err;
      throw new RequestValidationError([{ field: 'tune_job', message: err.message }]);
    }
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
