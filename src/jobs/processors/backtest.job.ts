import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import { runBacktest } from '../../evaluation/backtest.js';
import { BacktestError } from '../../evaluation/backtest.errors.js';
import {
  BASELINE_KIND,
  createForecaster,
  isForecasterKind,
  listKinds,
} from '../../forecasting/forecaster.registry.js';
import { ModelRegistryService } from '../../registry/model-registry.service.js';
import { DatasetService } from '../../data/dataset.service.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobPayload, JobResult } from '../job-catalog.types.js';
import { JobName } from '../../common/job-names.js';
import type { JobContext, JobProcessor } from '../job-processor.types.js';
import { PermanentJobError } from '../job.errors.js';
import { jobPanel } from './job-panel.js';
import { scoresOf } from './job-scores.js';
import { resolveJobModel } from './registered-model.js';
import { errorMessage } from '../../common/errors/error-message.js';

type Payload = JobPayload<FreshcastJobCatalog, 'backtest'>;
type Result = JobResult<FreshcastJobCatalog, 'backtest'>;

/**
 * backtest: the rolling-origin backtest (DESIGN's protocol, the one training uses) of a registered
 * model's kind and params, or of a kind with params, against seasonal naive on the current data.
 * Nothing is registered.
 */
@Injectable()
export class BacktestJob implements JobProcessor<'backtest'> {
  readonly jobName = JobName.Backtest;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly datasets: DatasetService,
    private readonly registry: ModelRegistryService,
  ) {}

  async process(ctx: JobContext<Payload>): Promise<Result> {
    const p = ctx.payload;
    const f = this.config.forecasting;
    const subject = await this.subject(p);
    await ctx.progress(0, 'load-data');
    const panel = await jobPanel(this.datasets);
    const horizon = p.horizon ?? subject.horizon ?? f.horizon;
    const template = await createForecaster(subject.kind, subject.params).catch((err: unknown) => {
      throw new PermanentJobError(`${subject.label}: ${errorMessage(err)}`, { cause: err });
    });
    try {
      const result = await runBacktest(
        panel,
        [{ forecaster: template, fitOptions: { timeBudgetSec: f.timeBudgetSec, seed: f.seed } }],
        {
          target: p.target,
          horizon,
          windows: p.windows,
          step: horizon,
          refitEvery: f.backtest.refitEvery,
          onProgress: (pr) => {
            ctx.signal.throwIfAborted();
            void ctx.progress(pr.fraction * 100, 'backtest', {
              model: pr.model,
              window: pr.window,
              windows: pr.windows,
            });
          },
        },
      );
      const model = result.models.find((m) => m.kind === subject.kind) ?? result.models[0];
      const baseline = result.models.find((m) => m.kind === BASELINE_KIND) ?? model;
      ctx.log(
        `${subject.label}: WAPE ${model.wape.toFixed(3)} vs seasonal naive ${baseline.wape.toFixed(3)} over ${result.cutoffs.length} window(s) × ${horizon} days`,
      );
      return {
        subject: subject.label,
        target: p.target,
        horizon,
        windows: result.cutoffs.length,
        scoredPoints: model.points,
        model: scoresOf(model),
        seasonalNaive: scoresOf(baseline),
      };
    } catch (err) {
      if (err instanceof BacktestError) throw new PermanentJobError(err.message, { cause: err });
      throw err;
    } finally {
      template.dispose();
    }
  }

  private async subject(p: Payload): Promise<{
    kind: string;
    params: Record<string, unknown>;
    horizon: number | null;
    label: string;
  }> {
    if (p.model !== undefined) {
      const version = await resolveJobModel(this.registry, p.target, p.model);
      return {
        kind: version.kind,
        params: version.params,
        horizon: version.horizon,
        label: version.id,
      };
    }
    const kind = p.kind ?? '';
    if (!isForecasterKind(kind))
      throw new PermanentJobError(
        `unknown model kind ${kind}; known kinds: ${listKinds().join(', ')}`,
      );
    return { kind, params: p.params ?? {}, horizon: null, label: kind };
  }
}
