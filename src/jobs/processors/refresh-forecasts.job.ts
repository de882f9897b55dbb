import { Inject, Injectable } from '@nestjs/common';
import { TARGETS, type Target } from '../../data/series-panel.js';
import { ModelRegistryService } from '../../registry/model-registry.service.js';
import { DatasetService } from '../../data/dataset.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../../storage/artifact-store.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobPayload, JobResult } from '../job-catalog.types.js';
import { JobName } from '../../common/job-names.js';
import type { JobContext, JobProcessor } from '../job-processor.types.js';
import { PermanentJobError } from '../job.errors.js';
import { jobPanel } from './job-panel.js';
import { forecastWithModel } from './model-forecasts.js';
import { prodModelOrNull, resolveJobModel } from './registered-model.js';

type Payload = JobPayload<FreshcastJobCatalog, 'refresh-forecasts'>;
type Result = JobResult<FreshcastJobCatalog, 'refresh-forecasts'>;

/**
 * refresh-forecasts: reloads the data when its files changed, then computes and saves the forecast
 * cache of the prod model (or `model`) of each target over it. API processes reload their cache
 * when the job completes (ServingModule listens for it) and find it computed.
 */
@Injectable()
export class RefreshForecastsJob implements JobProcessor<'refresh-forecasts'> {
  readonly jobName = JobName.RefreshForecasts;

  constructor(
    private readonly datasets: DatasetService,
    private readonly registry: ModelRegistryService,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
  ) {}

  async process(ctx: JobContext<Payload>): Promise<Result> {
    const p = ctx.payload;
    await ctx.progress(0, 'load-data');
    const reloaded = await this.datasets.reloadIfChanged().catch((err: unknown) => {
      throw new PermanentJobError(err instanceof Error ? err.message : String(err), { cause: err });
    });
    const panel = await jobPanel(this.datasets);
    if (reloaded)
      ctx.log(`data loaded: ${panel.seriesIds.length} series up to ${panel.dates.at(-1)}`);
    const targets: Target[] = p.target ? [p.target] : [...TARGETS];
    const refreshed: Result['refreshed'] = [];
    for (const [i, target] of targets.entries()) {
      ctx.signal.throwIfAborted();
      const version =
        p.target || p.model !== 'prod'
          ? await resolveJobModel(this.registry, target, p.model)
          : await prodModelOrNull(this.registry, target);
      if (!version) continue;
      await ctx.progress((i / targets.length) * 100, 'forecast', { target, model: version.id });
      const { forecasts, source } = await forecastWithModel(
        { registry: this.registry, store: this.store },
        version,
        panel,
      );
      ctx.log(`${target}: ${forecasts.length} series with ${version.id} (${source})`);
      refreshed.push({
        target,
        modelVersion: version.id,
        seriesCount: forecasts.length,
        cutoff: panel.dates[panel.dates.length - 1],
      });
    }
    return { refreshed };
  }
}
