import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import { DatasetService } from '../../data/dataset.service.js';
import { BacktestError } from '../../evaluation/backtest.errors.js';
import { isForecasterKind } from '../../forecasting/forecaster.registry.js';
import { paramSpaceOf, tunableKinds } from '../../forecasting/param-spaces.js';
import { tuneKind, TuneRequestError } from '../../training/tuning/tune-runner.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobPayload, JobResult } from '../job-catalog.types.js';
import { JobName } from '../../common/job-names.js';
import type { JobContext, JobProcessor } from '../job-processor.types.js';
import { PermanentJobError } from '../job.errors.js';
import { budgetOverrunSignal } from './budget-overrun.js';
import { jobPanel } from './job-panel.js';

type Payload = JobPayload<FreshcastJobCatalog, 'tune'>;
type Result = JobResult<FreshcastJobCatalog, 'tune'>;

/**
 * tune: successive-halving search over the kind's declared parameter space within `budgetSec`,
 * each trial scored with the reference backtest on windows before the evaluation windows (the last
 * `forecasting.backtest.windows`, which the registry's backtest scores). Progress: `search` with
 * the trials so far and the best mean WAPE. The result holds every trial and the best params, which
 * a retrain takes with `tune_job`.
 */
@Injectable()
export class TuneJob implements JobProcessor<'tune'> {
  readonly jobName = JobName.Tune;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly datasets: DatasetService,
  ) {}

  async process(ctx: JobContext<Payload>): Promise<Result> {
    const p = ctx.payload;
    if (!isForecasterKind(p.kind) || paramSpaceOf(p.kind) === null)
      throw new PermanentJobError(
        `model kind "${p.kind}" cannot be tuned; kinds with a parameter space: ${tunableKinds().join(', ')}`,
      );
    await ctx.progress(0, 'load-data');
    const panel = await jobPanel(this.datasets);
    const f = this.config.forecasting;
    // The backstop: a fit that overruns its share ends the search at the next backtest step.
    const overrun = budgetOverrunSignal(p.budgetSec);
    const signal = AbortSignal.any([ctx.signal, overrun]);
    try {
      const outcome = await tuneKind({
        panel,
        target: p.target,
        kind: p.kind,
        horizon: p.horizon ?? f.horizon,
        evaluationWindows: f.backtest.windows,
        tuningWindows: p.tuningWindows,
        budgetSec: p.budgetSec,
        fitBudgetSec: f.timeBudgetSec,
        seed: p.seed ?? f.seed,
        candidates: p.candidates,
        signal,
        onProgress: (sp) =>
          void ctx.progress(Math.round(sp.fraction * 99), 'search', {
            trials: sp.trials,
            best_wape: sp.bestMeanWape === null ? null : Number(sp.bestMeanWape.toFixed(4)),
          }),
      });
      const best = outcome.best;
      ctx.log(
        best
          ? `${p.kind}: ${outcome.trials.length} trials in ${outcome.seconds.toFixed(0)} s; best mean WAPE ${best.meanWape.toFixed(4)} (defaults ${outcome.defaultsMeanWape?.toFixed(4) ?? 'n/a'})`
          : `${p.kind}: no trial scored on every tuning window within ${p.budgetSec} s`,
      );
      return outcome;
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      if (overrun.aborted)
        throw new PermanentJobError(
          `tune ${p.kind} overran its ${p.budgetSec} s budget (a fit took longer than its share)`,
        );
      if (err instanceof TuneRequestError || err instanceof BacktestError)
        throw new PermanentJobError(err.message, { cause: err });
      throw err;
    }
  }
}
