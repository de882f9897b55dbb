import { Inject, Injectable } from '@nestjs/common';
import { isIsoDate } from '../../data/dates.js';
import type { Forecast } from '../../forecasting/forecast.types.js';
import { ModelRegistryService } from '../../registry/model-registry.service.js';
import { DatasetService } from '../../data/dataset.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../../storage/artifact-store.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobPayload, JobResult } from '../job-catalog.types.js';
import { JobName } from '../../common/job-names.js';
import type { JobContext, JobProcessor } from '../job-processor.types.js';
import { inlineOrPointer, type JobOutput } from '../job-result.pointer.js';
import { PermanentJobError } from '../job.errors.js';
import { recordPublishedForecasts } from '../../monitoring/forecast-log/forecast-log.store.js';
import { jobPanel } from './job-panel.js';
import { forecastWithModel } from './model-forecasts.js';
import { resolveJobModel } from './registered-model.js';

type Payload = JobPayload<FreshcastJobCatalog, 'batch-predict'>;
type Result = JobResult<FreshcastJobCatalog, 'batch-predict'>;

/**
 * batch-predict: P10/P50/P90 and mean for many items (default every item) with a registered model
 * (default prod), from the day after `cutoff` (default the data's last date) for `horizon` days.
 * From the data's last date the server's saved forecast cache is reused when it matches the data.
 * The result (large for every item) goes to the artifact store; the job keeps a pointer.
 */
@Injectable()
export class BatchPredictJob implements JobProcessor<'batch-predict'> {
  readonly jobName = JobName.BatchPredict;

  constructor(
    private readonly datasets: DatasetService,
    private readonly registry: ModelRegistryService,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
  ) {}

  async process(ctx: JobContext<Payload>): Promise<JobOutput<Result>> {
    const p = ctx.payload;
    await ctx.progress(5, 'load-data');
    const panel = await jobPanel(this.datasets);
    const lastDate = panel.dates[panel.dates.length - 1];
    const cutoff = p.cutoff ?? lastDate;
    if (!isIsoDate(cutoff) || cutoff < panel.dates[0] || cutoff > lastDate)
      throw new PermanentJobError(
        `cutoff ${cutoff} is outside the data (${panel.dates[0]} … ${lastDate})`,
      );
    ctx.signal.throwIfAborted();
    await ctx.progress(20, 'load-model');
    const version = await resolveJobModel(this.registry, p.target, p.model);
    const horizon = p.horizon ?? version.horizon;
    if (horizon > version.horizon)
      throw new PermanentJobError(
        `horizon ${horizon} is longer than model ${version.id} forecasts (${version.horizon} days)`,
      );
    const known = new Set(panel.seriesIds);
    const asked = p.seriesIds ? [...new Set(p.seriesIds)] : undefined;
    const present = asked?.filter((id) => known.has(id));
    await ctx.progress(40, 'forecast', { model: version.id });
    const { forecasts, source } =
      present?.length === 0
        ? { forecasts: [], source: 'computed' }
        : await forecastWithModel({ registry: this.registry, store: this.store }, version, panel, {
            cutoff,
            seriesIds: present,
          });
    ctx.signal.throwIfAborted();
    const returned = new Set(forecasts.map((f) => f.seriesId));
    const missing = (asked ?? panel.seriesIds).filter((id) => !returned.has(id));
    ctx.log(
      `${forecasts.length} series × ${horizon} days with ${version.id} (${source === 'store' ? 'from the saved forecast cache' : 'model run'})${missing.length > 0 ? `; ${missing.length} without a forecast` : ''}`,
    );
    await ctx.progress(90, 'store');
    if (source === 'computed')
      await recordPublishedForecasts(this.store, {
        modelVersion: version.id,
        target: p.target,
        source: `batch-${ctx.id}`,
        forecasts,
      });
    const result: Result = {
      modelVersion: version.id,
      target: p.target,
      horizon,
      cutoff,
      seriesCount: forecasts.length,
      missing,
      forecasts: forecasts.map((f) => firstDays(f, horizon)),
    };
    return inlineOrPointer(this.store, this.jobName, ctx.id, result);
  }
}

/** The forecast's first `horizon` days. */
function firstDays(f: Forecast, horizon: number): Result['forecasts'][number] {
  const cut = (xs: number[]): number[] => xs.slice(0, horizon);
  return {
    seriesId: f.seriesId,
    dates: f.dates.slice(0, horizon),
    mean: cut(f.mean),
    quantiles: { p10: cut(f.quantiles.p10), p50: cut(f.quantiles.p50), p90: cut(f.quantiles.p90) },
  };
}
