import { RequestValidationError } from '../../common/validation/request-validation.error.js';
import type { SeriesPanel } from '../../data/series-panel.js';
import { TuneRequestError, tuningLayout } from '../../training/tuning/tune-runner.js';
import type { JobPayloadInput } from '../job-catalog.types.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import { tunePayloadSchema } from '../tune-job.payloads.js';

/**
 * Checks at submission that the data this process holds has the days a tune's windows need, laid out
 * as the job will (tuningLayout: its tuning windows of `horizon` days before the evaluation windows,
 * with history before the first): a 400 naming `tuning_windows` at once instead of a job that fails
 * when it runs. Without data yet (a first start loading it) the job checks.
 */
export function assertTuneWindowsFit(
  panel: Pick<SeriesPanel, 'dates'> | null,
  input: JobPayloadInput<FreshcastJobCatalog, 'tune'>,
  defaults: { horizon: number; evaluationWindows: number },
): void {
  // The payload's own defaults (tuning windows); one the schema refuses is refused at submission.
  const payload = tunePayloadSchema.safeParse(input);
  if (panel === null || !payload.success) return;
  try {
    tuningLayout(
      panel.dates.length,
      payload.data.horizon ?? defaults.horizon,
      defaults.evaluationWindows,
      payload.data.tuningWindows,
    );
  } catch (err) {
    if (err instanceof TuneRequestError)
      throw new RequestValidationError([{ field: 'tuning_windows', message: err.message }]);
    throw err;
  }
}
