import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import { TARGETS, type Target } from '../../data/series-panel.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobPayload, JobResult } from '../job-catalog.types.js';
import { JobName } from '../../common/job-names.js';
import type { JobContext, JobProcessor } from '../job-processor.types.js';
import { jobPanel } from './job-panel.js';
import { ModelRegistryService } from '../../registry/model-registry.service.js';
import { DatasetService } from '../../data/dataset.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../../storage/artifact-store.js';
import { checkDrift, driftReportKey } from '../../monitoring/drift/drift-report.js';
import { storedReference } from '../../monitoring/drift/reference-distribution.js';

type Payload = JobPayload<FreshcastJobCatalog, 'check-drift'>;
type Result = JobResult<FreshcastJobCatalog, 'check-drift'>;

/**
 * check-drift: for each target's prod model, the recent data (panel columns) and its newest logged
 * forecasts against the reference distributions it stored at training: PSI, KS, share of drifted
 * features. The report goes to the artifact store (GET /monitoring/drift).
 */
@Injectable()
export class CheckDriftJob implements JobProcessor<'check-drift'> {
  readonly jobName = JobName.CheckDrift;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly datasets: DatasetService,
    private readonly registry: ModelRegistryService,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
  ) {}

  async process(ctx: JobContext<Payload>): Promise<Result> {
    await ctx.progress(0, 'load-data');
    await this.datasets.reloadIfChanged().catch(() => false);
    const panel = await jobPanel(this.datasets);
    const targets: Target[] = ctx.payload.target ? [ctx.payload.target] : [...TARGETS];
    const checked: Result['checked'] = [];
    for (const [i, target] of targets.entries()) {
      ctx.signal.throwIfAborted();
      const prod = (await this.registry.status(target)).prod;
      if (prod === null) continue;
      await ctx.progress((i / targets.length) * 100, 'check', { target, model: prod });
      const version = await this.registry.get(prod);
      const reference = storedReference(version.state);
      const key = driftReportKey(target);
      if (reference === null) {
        ctx.log(
          `${target}: ${prod} has no reference distributions (trained before they were stored)`,
        );
        checked.push({
          target,
          modelVersion: prod,
          driftedShare: 0,
          status: 'no-reference',
          reportKey: key,
        });
        continue;
      }
      const report = await checkDrift(
        this.store,
        panel,
        target,
        prod,
        reference,
        this.config.monitoring.drift,
      );
      await this.store.put(key, new TextEncoder().encode(JSON.stringify(report)));
      ctx.log(
        `${target}: drift ${report.status}, ${Math.round(report.drifted_share * 100)} % of features drifted`,
      );
      checked.push({
        target,
        modelVersion: prod,
        driftedShare: report.drifted_share,
        status: report.status,
        reportKey: key,
      });
    }
    return { checked };
  }
}
