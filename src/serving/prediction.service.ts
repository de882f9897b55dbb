import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { roundFor } from '../common/wire-numbers.js';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { addDays } from '../data/dates.js';
import type { Target } from '../data/series-panel.js';
import type { Forecast } from '../forecasting/forecast.types.js';
import { OnDemandForecastLog } from '../monitoring/forecast-log/on-demand-log.js';
import { MetricsService } from '../monitoring/metrics.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import { CandidateRouterService } from './candidate-router.service.js';
import type {
  ForecastPointDto,
  ItemPredictionDto,
  PredictManyResponseDto,
  PredictResponseDto,
} from './dto/predict.dto.js';
import type { PredictRequest } from './dto/predict-request.validator.js';
import { checkDateInWindow, checkHorizon, slice } from './forecast-window.js';
import { MicroBatcher } from './micro-batcher.js';
import { OnDemandRunner, type OnDemandItem } from './on-demand.runner.js';
import { historyProblems, type HistoryPoint } from './on-demand-panel.js';
import type { ServedModel } from './served-model.js';
import { ServedModelsService } from './served-models.service.js';
import { HistoryValidationError, ItemNotFoundError } from './serving.errors.js';
import type { ServingLimits } from './serving.limits.js';

/** Which model answered a forecast. */
export type ServedBy = 'prod' | 'canary';

/**
 * Answers forecast requests (POST /predict, GET /forecasts/:item_code) from the served models:
 * from the forecast cache, or on demand over a history the request sent (micro-batched with
 * concurrent requests); a canary may answer instead of prod, a shadow is compared with prod.
 * The body arrives validated by PredictRequestPipe.
 */
@Injectable()
export class PredictionService implements OnApplicationShutdown {
  private readonly onDemand = new OnDemandRunner(() => this.metrics.countOnDemandBatch());
  private readonly batcher: MicroBatcher<OnDemandItem, Forecast>;
  /** The `serving` config section (request limits, micro-batching). */
  private readonly limits: ServingLimits;
  /** On-demand answers for the forecast log (`monitoring.forecastLog.onDemand`); null when off. */
  readonly onDemandLog: OnDemandForecastLog | null;

  constructor(
    private readonly served: ServedModelsService,
    private readonly candidates: CandidateRouterService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ARTIFACT_STORE) store: ArtifactStore,
  ) {
    this.limits = config.serving;
    const logOptions = config.monitoring.forecastLog.onDemand;
    this.onDemandLog = logOptions.enabled ? new OnDemandForecastLog(store, logOptions) : null;
    this.batcher = new MicroBatcher<OnDemandItem, Forecast>(
      (items) => this.onDemand.run(items),
      this.limits.batchSize,
      this.limits.batchWaitMs,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.batcher.close();
    await this.onDemandLog?.close();
  }

  /** On-demand requests served and model calls made for them (several requests per call). */
  onDemandCounts(): { requests: number; modelCalls: number } {
    return { requests: this.onDemand.requests, modelCalls: this.onDemand.modelCalls };
  }

  async predict(
    body: PredictRequest,
    requestId: string,
  ): Promise<PredictResponseDto | PredictManyResponseDto> {
    const started = performance.now();
    const target: Target = body.target ?? 'quantity';
    if (body.item_codes) {
      const codes = body.item_codes;
      const results = await this.served.withModel(target, (m) =>
        codes.map((code) => this.fromCache(m, code, body.date, body.horizon)),
      );
      return { results, request_id: requestId, processing_time_ms: elapsed(started) };
    }
    const itemCode = body.item_code ?? '';
    const result = body.history
      ? await this.served.withModel(target, (m) =>
          this.fromHistory(m, itemCode, body.history ?? [], body.date, body.horizon),
        )
      : await this.served.withModel(target, (m) =>
          this.fromCache(m, itemCode, body.date, body.horizon),
        );
    return withRequestFacts(result, requestId, started);
  }

  async forecast(
    itemCode: string,
    target: Target | undefined,
    horizon: number | undefined,
    requestId: string,
  ): Promise<PredictResponseDto> {
    const started = performance.now();
    const result = await this.served.withModel(target ?? 'quantity', (m) =>
      this.fromCache(m, itemCode, undefined, horizon),
    );
    return withRequestFacts(result, requestId, started);
  }

  private fromCache(
    prod: ServedModel,
    itemCode: string,
    date: string | undefined,
    horizon: number | undefined,
  ): ItemPredictionDto {
    // Synchronous from here on: a candidate retired meanwhile cannot be disposed under us.
    const canary = this.candidates.canaryFor(prod.target, itemCode, true);
    const model = canary ?? prod;
    const f = model.cache.get(itemCode);
    if (!f) {
      this.metrics.countCacheMiss(model.target);
      throw new ItemNotFoundError(itemCode, model.target);
    }
    const first = date ?? f.dates[0];
    const h = checkHorizon(model, horizon);
    const points = slice(f, first, h, 'cache', roundFor(model.target));
    this.metrics.countPrediction(model.target, canary ? 'canary' : 'prod', true);
    if (!canary) this.candidates.shadowOf(prod.target, itemCode, f, first, h);
    return itemPrediction(model, itemCode, points, true, canary ? 'canary' : 'prod');
  }

  private async fromHistory(
    prod: ServedModel,
    itemCode: string,
    history: HistoryPoint[],
    date: string | undefined,
    horizon: number | undefined,
  ): Promise<ItemPredictionDto> {
    const canary = this.candidates.canaryFor(prod.target, itemCode, false);
    const model = canary ?? prod;
    model.acquire();
    try {
      return await this.runHistory(
        model,
        itemCode,
        history,
        date,
        horizon,
        canary ? 'canary' : 'prod',
      );
    } finally {
      model.release();
    }
  }

  private async runHistory(
    model: ServedModel,
    itemCode: string,
    history: HistoryPoint[],
    date: string | undefined,
    horizon: number | undefined,
    servedBy: ServedBy,
  ): Promise<ItemPredictionDto> {
    const h = checkHorizon(model, horizon);
    const problems = historyProblems(
      history,
      model.forecaster.capabilities.minHistory,
      this.limits.maxHistoryValue,
      model.horizon,
    );
    if (problems.length > 0) throw new HistoryValidationError(problems);
    const start = addDays(history[history.length - 1].date, 1);
    checkDateInWindow(date ?? start, start, model.horizon, h, 'history');
    const f = await this.batcher.submit({ model, seriesId: itemCode, history });
    this.onDemandLog?.record(model.id, model.target, f);
    const points = slice(f, date ?? start, h, 'history', roundFor(model.target));
    this.metrics.countPrediction(model.target, servedBy, false);
    return itemPrediction(model, itemCode, points, false, servedBy);
  }
}

function itemPrediction(
  model: ServedModel,
  itemCode: string,
  forecast: ForecastPointDto[],
  cached: boolean,
  servedBy: ServedBy,
): ItemPredictionDto {
  const caps = model.forecaster.capabilities;
  return {
    item_code: itemCode,
    target: model.target,
    model_version: model.id,
    served_by: servedBy,
    forecast,
    cached,
    features_used: [
      `${model.target} history`,
      ...(caps.covariates ? ['calendar and holiday covariates'] : []),
    ],
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

/** Request facts added in place (why not a spread: docs/BENCHMARKS.md, Node 24 against Node 20). */
function withRequestFacts(
  result: ItemPredictionDto,
  requestId: string,
  started: number,
): PredictResponseDto {
  return Object.assign(result, { request_id: requestId, processing_time_ms: elapsed(started) });
}
