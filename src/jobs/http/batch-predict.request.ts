import { addDays } from '../../data/dates.js';
import type { SeriesPanel } from '../../data/series-panel.js';
import { ForecastRangeError } from '../../serving/serving.errors.js';
import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import type { JobPayloadInput } from '../job-catalog.types.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { BatchPredictRequestDto } from './dto/batch-predict-request.dto.js';
import { definedFields } from './defined-fields.js';

export type BatchPredictPayloadInput = JobPayloadInput<FreshcastJobCatalog, 'batch-predict'>;

/**
 * The batch-predict payload of a POST /predict/batch body: `date` (first forecast day) becomes
 * `cutoff` (the day before); no item_codes means every item. item_codes with all: true is a 400.
 */
export function toBatchPredictPayload(body: BatchPredictRequestDto): BatchPredictPayloadInput {
  if (body.all === true && body.item_codes !== undefined) {
    throw new RequestValidationError([
      { field: 'all', message: 'give either item_codes or all: true, not both' },
    ]);
  }
  return {
    target: body.target ?? 'quantity',
    model: body.model ?? 'prod',
    format: body.format ?? 'json',
    ...definedFields({
      seriesIds: body.item_codes,
      horizon: body.horizon,
      cutoff: body.date === undefined ? undefined : addDays(body.date, -1),
    }),
  };
}

/**
 * A 400 (`forecast_out_of_range`, like POST /predict's) when the batch's first forecast day `date`
 * puts its cutoff (the day before) outside the data the server holds: the job forecasts from a
 * cutoff within the data, from the day after its first date to the day after its last.
 */
export function checkBatchDate(panel: Pick<SeriesPanel, 'dates'>, date: string): void {
  const first = addDays(panel.dates[0], 1);
  const last = addDays(panel.dates[panel.dates.length - 1], 1);
  if (date < first || date > last)
    throw new ForecastRangeError(
      `date ${date} is outside the data: a batch forecast starts between ${first} and ${last} (the day after the data's last date)`,
      { field: 'date', first, last },
    );
}
