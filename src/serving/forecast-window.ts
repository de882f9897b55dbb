import { addDays, toEpochDay } from '../data/dates.js';
import type { Forecast } from '../forecasting/forecast.types.js';
import type { ForecastPointDto } from './dto/predict.dto.js';
import type { ServedModel } from './served-model.js';
import { ForecastRangeError } from './serving.errors.js';

/** Where a forecast comes from: the model's cache, or a run over a history the request sent. */
export type ForecastOrigin = 'cache' | 'history';

/**
 * The horizon asked for (default: the model's), or a 400 when the model does not reach it: a served
 * model, or a registered one a batch job will forecast with.
 */
export function checkHorizon(
  model: Pick<ServedModel, 'id' | 'horizon'>,
  horizon: number | undefined,
): number {
  const h = horizon ?? model.horizon;
  if (!(Number.isInteger(h) && h >= 1 && h <= model.horizon))
    throw new ForecastRangeError(
      `horizon must be between 1 and ${model.horizon} (the horizon of model ${model.id}), got ${h}`,
      { field: 'horizon', max: model.horizon, model_version: model.id },
    );
  return h;
}

/** The offset of `date` in a forecast starting at `start`, or a 400 when `h` days from it fall outside. */
export function checkDateInWindow(
  date: string,
  start: string,
  modelHorizon: number,
  h: number,
  from: ForecastOrigin,
): number {
  const offset = toEpochDay(date) - toEpochDay(start);
  if (offset < 0 || offset + h > modelHorizon) {
    const last = addDays(start, modelHorizon - 1);
    throw new ForecastRangeError(
      from === 'cache'
        ? `date ${date} with horizon ${h} is outside the forecast cache (${start} … ${last}); send the item's history to forecast from later data`
        : `date ${date} with horizon ${h} is outside what this history allows (${start} … ${last})`,
      { field: 'date', first: start, last, horizon: h },
    );
  }
  return offset;
}

/**
 * The `h` days of a forecast from `date`, as response points, each value rounded for people by
 * `round` (src/common/wire-numbers.ts: kg or money); the forecast itself keeps full precision.
 */
export function slice(
  f: Forecast,
  date: string,
  h: number,
  from: ForecastOrigin,
  round: (x: number) => number,
): ForecastPointDto[] {
  const offset = checkDateInWindow(date, f.dates[0], f.dates.length, h, from);
  const out: ForecastPointDto[] = [];
  const { p10, p50, p90 } = f.quantiles;
  for (let i = offset; i < offset + h; i++)
    out.push({
      date: f.dates[i],
      mean: round(f.mean[i]),
      p10: round(p10[i]),
      p50: round(p50[i]),
      p90: round(p90[i]),
    });
  return out;
}
