import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import type { JobPayloadInput } from '../job-catalog.types.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { BacktestJobRequestDto } from './dto/backtest-job-request.dto.js';
import type { RefreshForecastsJobRequestDto } from './dto/refresh-forecasts-job-request.dto.js';
import type { TrainJobRequestDto } from './dto/train-job-request.dto.js';
import { definedFields } from './defined-fields.js';

type PayloadOf<N extends 'train' | 'backtest' | 'refresh-forecasts'> = JobPayloadInput<
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

/** The backtest payload of a POST /admin/backtest body: exactly one of model and kind (else 400). */
export function toBacktestPayload(body: BacktestJobRequestDto): PayloadOf<'backtest'> {
  if ((body.model === undefined) === (body.kind === undefined)) {
    throw new RequestValidationError([
      {
        field: 'model',
        message: 'give exactly one of model (a registered model) or kind (with optional params)',
      },
    ]);
  }
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
