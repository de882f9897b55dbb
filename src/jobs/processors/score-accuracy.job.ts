import { Inject, Injectable } from '@nestjs/common';
import { TARGETS, type Target } from '../../data/series-panel.js';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobPayload, JobResult } from '../job-catalog.types.js';
import { JobName } from '../../common/job-names.js';
import type { JobContext, JobProcessor } from '../job-processor.types.js';
import { ModelRegistryService } from '../../registry/model-registry.service.js';
import { DatasetService } from '../../data/dataset.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../../storage/artifact-store.js';
import { accuracyReportKey, scoreAccuracy } from '../../monitoring/accuracy/accuracy-scorer.js';
import { ActualsStore } from '../../monitoring/actuals/actuals.store.js';

type Payload = JobPayload<FreshcastJobCatalog, 'score-accuracy'>;
type Result = JobResult<FreshcastJobCatalog, 'score-accuracy'>;

/**
 * score-accuracy: realised accuracy of every logged forecast against the actuals (the data files as
 * loaded, plus posted actuals) over the configured windows; one report per target in the artifact
 * store. API processes read it (GET /monitoring/accuracy), set the gauges, check the alert rules and
 * judge canaries when the job completes.
 */
@Injectable()
export class ScoreAccuracyJob implements JobProcessor<'score-accuracy'> {
  readonly jobName = JobName.ScoreAccuracy;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly datasets: DatasetService,
    private readonly registry: ModelRegistryService,
    private readonly actuals: ActualsStore,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
  ) {}

  async process(ctx: JobContext<Payload>): Promise<Result> {
    const p = ctx.payload;
    await ctx.progress(0, 'load-data');
    await this.datasets.reloadIfChanged().catch(() => false);
    const panel = await this.datasets.requirePanel().catch(() => null);
    const targets: Target[] = p.target ? [p.target] : [...TARGETS];
    const scored: Result['scored'] = [];
    for (const [i, target] of targets.entries()) {
      ctx.signal.throwIfAborted();
      await ctx.progress((i / targets.length) * 100, 'score', { target });
      const report = await scoreAccuracy(
        { store: this.store, actuals: this.actuals, registry: this.registry, panel },
        target,
        { asOf: p.asOf, windows: this.config.monitoring.windows },
      );
      if (report === null || report.rows.length === 0) continue;
      const key = accuracyReportKey(target);
      await this.store.put(key, new TextEncoder().encode(JSON.stringify(report)));
      const points = report.rows
        .filter((r) => r.window_days === Math.max(...report.windows))
        .filter((r) => r.horizon_bucket === 'all' && r.category === 'all')
        .reduce((n, r) => n + r.points, 0);
      ctx.log(`${target}: ${points} points scored up to ${report.as_of}`);
      scored.push({
        target,
        asOf: report.as_of,
        points,
        models: report.models.map((m) => m.model_version),
        reportKey: key,
      });
    }
    return { scored };
  }
}
