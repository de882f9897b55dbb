import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import type { JobPayloadInput } from '../job-catalog.types.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { BacktestJobRequestDto } from './dto/backtest-job-request.dto.js';
import type { RefreshForecastsJobRequestDto } from './dto/refresh-forecasts-job-request.dto.js';
import type { TrainJobRequestDto } from './dto/train-job-request.dto.js';
import type { TuneJobRequestDto } from './dto/tune-job-request.dto.js';
import { definedFields } from './defined-fields.js';
import type { TunedParams } from '../tuned-params.js';

type PayloadOf<N extends 'train' | 'backtest' | 'refresh-forecasts' | 'tune'> = JobPayloadInput<
  FreshcastJobCatalog,
  N
>;

/** The train payload of a POST /admin/retrain body (snake_case → the job's camelCase). */
export function toTrainPayload(body: TrainJobRequestDto): PayloadOf<'train'> {
  return {
    target: body.target ?? 'quantity',
    promote: body.promote ?? true,
    ...definedFields({
      kinds: body.models,
      params: body.params as PayloadOf<'train'>['params'] | undefined,
      timeBudgetSec: body.time_budget_s,
      horizon: body.horizon,
      epochs: body.epochs,
      seed: body.seed,
      backtestWindows: body.backtest_windows,
    }),
  };
}

/** Checks what a retrain with `tune_job` may combine it with; the kind it asks for (if any). */
export function tunedRetrainKind(body: TrainJobRequestDto): string | undefined {
  if (body.params !== undefined)
    throw new RequestValidationError([
      { field: 'params', message: 'give either params or tune_job, not both' },
    ]);
  if (body.models !== undefined && body.models.length !== 1)
    throw new RequestValidationError([
      { field: 'models', message: 'with tune_job, models must be the one kind that was tuned' },
    ]);
  return body.models?.[0];
}

/** The train payload with a tune's best params: that kind only, params and their source recorded. */
export function withTunedParams(
  payload: PayloadOf<'train'>,
  tuned: TunedParams,
): PayloadOf<'train'> {
  return {
    ...payload,
    kinds: [tuned.kind],
    params: tuned.params as PayloadOf<'train'>['params'],
    paramsSource: tuned.source,
  };
}

/**
 * The backtest payload of a POST /admin/backtest body: exactly one of model and kind, params only
 * with kind (else 400).
 */
export function toBacktestPayload(body: BacktestJobRequestDto): PayloadOf<'backtest'> {
  if ((body.model === undefined) === (body.kind === undefined)) {
    throw new RequestValidationError([
      {
        field: 'model',
        message: 'give exactly one of model (a registered model) or kind (with optional params)',
      },
    ]);
  }
  if (body.model !== undefined && body.params !== undefined)
    throw new RequestValidationError([
      {
        field: 'params',
        message: 'params go with kind: a registered model is backtested with its own params',
      },
    ]);
  return {
    target: body.target ?? 'quantity',
    ...definedFields({
      model: body.model,
      kind: body.kind,
      params: body.params as PayloadOf<'backtest'>['params'],
      horizon: body.horizon,
      windows: body.windows,
    }),
  };
}

/** The refresh-forecasts payload of a POST /admin/refresh-forecasts body. */
export function toRefreshForecastsPayload(
  body: RefreshForecastsJobRequestDto,
): PayloadOf<'refresh-forecasts'> {
  return definedFields({ target: body.target });
}

/** The tune payload of a POST /admin/tune body. */
export function toTunePayload(body: TuneJobRequestDto): PayloadOf<'tune'> {
  return {
    kind: body.model,
    target: body.target ?? 'quantity',
    budgetSec: body.budget_s,
    ...definedFields({
      seed: body.seed,
      horizon: body.horizon,
      tuningWindows: body.tuning_windows,
      candidates: body.candidates,
    }),
  };
}
