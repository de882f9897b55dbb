import { AppError } from '../common/errors/app-error.js';
import type { Forecast } from '../forecasting/forecast.types.js';
import { ForecasterError } from '../forecasting/forecaster.errors.js';
import type { BatchResult } from './micro-batcher.js';
import { buildOnDemandPanel, type HistoryPoint } from './on-demand-panel.js';
import type { ServedModel } from './served-model.js';
import { HistoryValidationError } from './serving.errors.js';

export interface OnDemandItem {
  model: ServedModel;
  seriesId: string;
  /** Validated: ascending ISO dates, finite non-negative values. */
  history: HistoryPoint[];
}

/**
 * Runs a batch of on-demand requests: items that share a model and a last history date go into one
 * panel (shared calendar) and one `predict` call. Counts requests and model calls.
 */
export class OnDemandRunner {
  requests = 0;
  modelCalls = 0;

  constructor(private readonly onModelCall: () => void = () => undefined) {}

  async run(items: OnDemandItem[]): Promise<BatchResult<Forecast>[]> {
    this.requests += items.length;
    const groups = new Map<string, number[]>();
    items.forEach((item, i) => {
      const key = `${item.model.id}|${item.history[item.history.length - 1].date}`;
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    });
    const out: BatchResult<Forecast>[] = new Array<BatchResult<Forecast>>(items.length);
    await Promise.all(
      [...groups.values()].map(async (idx) => {
        const results = await this.runGroup(idx.map((i) => items[i]));
        idx.forEach((i, k) => (out[i] = results[k]));
      }),
    );
    return out;
  }

  private async runGroup(items: OnDemandItem[]): Promise<BatchResult<Forecast>[]> {
    const model = items[0].model;
    // Ids of the merged panel: sorted, unique even when two requests name the same item.
    const ids = items.map((_, i) => `r${String(i).padStart(6, '0')}`);
    try {
      const panel = buildOnDemandPanel(
        ids,
        items.map((it) => it.history),
        model.target,
      );
      this.modelCalls++;
      this.onModelCall();
      const forecasts = await model.forecaster.predict({ panel, horizon: model.horizon });
      const byId = new Map(forecasts.map((f) => [f.seriesId, f]));
      return items.map((it, i): BatchResult<Forecast> => {
        const f = byId.get(ids[i]);
        return f
          ? // Built field by field: an object spread here is promoted by V8 11.3 (withRequestFacts).
            {
              ok: true,
              value: {
                seriesId: it.seriesId,
                dates: f.dates,
                mean: f.mean,
                quantiles: f.quantiles,
              },
            }
          : {
              ok: false,
              error: new HistoryValidationError([
                { field: 'history', message: 'the model could not forecast from this history' },
              ]),
            };
      });
    } catch (err) {
      const error =
        err instanceof AppError
          ? err
          : err instanceof ForecasterError
            ? new HistoryValidationError([{ field: 'history', message: err.message }])
            : err instanceof Error
              ? err
              : new Error(String(err));
      return items.map(() => ({ ok: false, error }));
    }
  }
}
