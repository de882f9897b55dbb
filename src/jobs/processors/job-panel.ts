import { DatasetError } from '../../data/dataset.loader.js';
import type { SeriesPanel } from '../../data/series-panel.js';
import type { DatasetService } from '../../data/dataset.service.js';
import { PermanentJobError } from '../job.errors.js';

/**
 * The panel a job works on (loaded on the first job of a worker process). Missing or invalid data
 * fails the job at once: retrying in a few seconds cannot fix it.
 */
export async function jobPanel(datasets: DatasetService): Promise<SeriesPanel> {
  try {
    return await datasets.requirePanel();
  } catch (err) {
    if (err instanceof DatasetError) throw new PermanentJobError(err.message, { cause: err });
    throw err;
  }
}
