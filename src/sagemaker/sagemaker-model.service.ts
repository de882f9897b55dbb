import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { loadModelDir } from '../forecasting/io/model-dir.js';
import type { FieldError } from '../common/errors/error-envelope.js';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { roundFor } from '../common/wire-numbers.js';
import type { Forecaster } from '../forecasting/forecast.types.js';
import { invocationPanel, INVOCATION_SERIES_ID, observedCount } from './invocation-panel.js';
import {
  parseInvocationRequest,
  SUPPORTED_QUANTILES,
  type InvocationRequest,
} from './invocation-request.parser.js';
import { InvalidInvocationError, SageMakerModelNotReadyError } from './sagemaker.errors.js';

/** `closed`: disposed at shutdown, after the HTTP server stopped taking requests. */
export type SageMakerModelState = 'loading' | 'ready' | 'failed' | 'closed';

/** One DeepAR-shaped prediction: keys present per the requested output types. */
export interface DeepArPrediction {
  mean?: number[];
  quantiles?: Record<string, number[]>;
}

export interface DeepArResponse {
  predictions: DeepArPrediction[];
}

/**
 * The model of the SageMaker container: loaded once at start from `sagemaker.modelDir` (a folder
 * written by `freshcast train --out DIR`), disposed on shutdown; answers DeepAR-shaped invocations.
 */
@Injectable()
export class SageMakerModelService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SageMakerModelService.name);
  private forecaster: Forecaster | undefined;
  private loading: Promise<void> | undefined;
  private current: SageMakerModelState = 'loading';

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get state(): SageMakerModelState {
    return this.current;
  }

  onModuleInit(): void {
    const dir = this.config.sagemaker.modelDir;
    this.loading = loadModelDir(dir).then(
      (forecaster) => {
        this.forecaster = forecaster;
        this.current = 'ready';
        this.logger.log(
          `loaded ${forecaster.kind} model from ${dir} (horizon ${this.horizonOf(forecaster)})`,
        );
      },
      (err: unknown) => {
        this.current = 'failed';
        this.logger.error(
          `cannot load the model from ${dir}: ${err instanceof Error ? err.message : String(err)}`,
        );
      },
    );
  }

  /** Resolves once loading finished (ready or failed). */
  async whenLoaded(): Promise<SageMakerModelState> {
    await this.loading;
    return this.current;
  }

  /**
   * Disposes the model once the HTTP server has closed: Nest runs this after it, so invocations in
   * flight when SIGTERM came are answered (module-destroy hooks run while requests still arrive).
   */
  async onApplicationShutdown(): Promise<void> {
    await this.loading;
    this.forecaster?.dispose();
    this.forecaster = undefined;
    this.current = 'closed';
  }

  private horizonOf(forecaster: Forecaster): number {
    return forecaster.horizon ?? this.config.forecasting.horizon;
  }

  /** Validates a DeepAR request body and forecasts every instance, in order. */
  async invoke(body: unknown): Promise<DeepArResponse> {
    const forecaster = this.forecaster;
    if (!forecaster) throw new SageMakerModelNotReadyError(this.current);
    const request = parseInvocationRequest(
      body,
      this.horizonOf(forecaster),
      this.config.serving.maxHistoryValue,
    );
    const minHistory = forecaster.capabilities.minHistory;
    const short: FieldError[] = request.instances.flatMap((inst, i) =>
      observedCount(inst) < minHistory
        ? [
            {
              field: `instances.${i}.target`,
              message: `at least ${minHistory} observed values are needed by this model, got ${observedCount(inst)}`,
            },
          ]
        : [],
    );
    if (short.length > 0) throw new InvalidInvocationError(short);
    const predictions: DeepArPrediction[] = [];
    for (const [i, instance] of request.instances.entries()) {
      predictions.push(await this.predictOne(forecaster, request, instance, i));
    }
    return { predictions };
  }

  private async predictOne(
    forecaster: Forecaster,
    request: InvocationRequest,
    instance: InvocationRequest['instances'][number],
    i: number,
  ): Promise<DeepArPrediction> {
    const panel = invocationPanel(instance, forecaster.target ?? 'quantity');
    const [forecast] = await forecaster.predict({
      panel,
      horizon: request.predictionLength,
      seriesIds: [INVOCATION_SERIES_ID],
    });
    if (!forecast)
      throw new InvalidInvocationError([
        {
          field: `instances.${i}.target`,
          message: 'the model cannot forecast this series: too little recent history',
        },
      ]);
    // Rounded at the edge like every other answer (kg or money, per the model's target).
    const round = roundFor(forecaster.target ?? 'quantity');
    const wire = (values: ArrayLike<number>): number[] => Array.from(values, round);
    const out: DeepArPrediction = {};
    if (request.outputTypes.includes('mean')) out.mean = wire(forecast.mean);
    if (request.outputTypes.includes('quantiles'))
      out.quantiles = Object.fromEntries(
        request.quantiles.map((q) => [q, wire(forecast.quantiles[SUPPORTED_QUANTILES[q]])]),
      );
    return out;
  }
}
