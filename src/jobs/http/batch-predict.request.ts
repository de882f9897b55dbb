import { addDays } from '../../data/dates.js';
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
