import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import type { SeriesPanel } from '../../data/series-panel.js';
import { unknownKindsMessage } from '../../forecasting/forecaster.registry.js';
import type { ModelVersion } from '../../registry/model-manifest.schema.js';
import { ModelRegistryService } from '../../registry/model-registry.service.js';
import { isRegistryError } from '../../registry/registry.errors.js';
import type { ProdReference } from '../../registry/model-registry.types.js';
import type { GateResult } from '../../registry/registry-history.schema.js';
import { DatasetService } from '../../data/dataset.service.js';
import { registerTrainedModel } from '../../training/model-registration.js';
import { trainModel } from '../../training/model-trainer.js';
import { TrainingBudgetError } from '../../training/training-budget.js';
import type { FreshcastJobCatalog } from '../job-catalog.js';
import type { JobPayload, JobResult } from '../job-catalog.types.js';
import { JobName } from '../../common/job-names.js';
import type { JobContext, JobProcessor } from '../job-processor.types.js';
import { PermanentJobError } from '../job.errors.js';
import { budgetOverrunSignal } from './budget-overrun.js';
import { candidateFromManifest, jobActor, registeredByJob } from './earlier-attempts.js';
import { jobPanel } from './job-panel.js';
import { scoresOf } from './job-scores.js';
import { prodReferenceFor } from './prod-reference.js';
import { prodModelOrNull } from './registered-model.js';
import { TrainProgress } from './train-progress.js';

type Payload = JobPayload<FreshcastJobCatalog, 'train'>;

/** The job's context with another abort signal (the job's own, combined with the budget's). */
function withSignal<P>(ctx: JobContext<P>, signal: AbortSignal): JobContext<P> {
  return {
    id: ctx.id,
    name: ctx.name,
    payload: ctx.payload,
    attempt: ctx.attempt,
    maxAttempts: ctx.maxAttempts,
    signal,
    progress: (percent, stage, detail) => ctx.progress(percent, stage, detail),
    log: (message) => ctx.log(message),
  };
}
type Result = JobResult<FreshcastJobCatalog, 'train'>;
type Candidate = Result['candidates'][number];

/**
 * train: each kind is backtested against seasonal naive (rolling origin), fitted on all the data
 * and registered (dev); the best by backtest WAPE then goes to prod when it passes the promotion
 * gates (the registry's, against the current prod model), else to staging for a person to decide.
 * Serving swaps to a new prod model on the promotion notice. Progress: `backtest` and `fit` per
 * kind (with epoch and loss), then `promote`.
 */
@Injectable()
export class TrainJob implements JobProcessor<'train'> {
  readonly jobName = JobName.Train;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly datasets: DatasetService,
    private readonly registry: ModelRegistryService,
  ) {}

  async process(ctx: JobContext<Payload>): Promise<Result> {
    const p = ctx.payload;
    const kinds = [...new Set(p.kinds ?? [this.config.forecasting.defaultModel])];
    const unknown = unknownKindsMessage(kinds);
    if (unknown !== undefined) throw new PermanentJobError(unknown);
    await ctx.progress(0, 'load-data');
    const panel = await jobPanel(this.datasets);
    const earlier = await registeredByJob(this.registry, p.target, ctx.id);
    const prodNow = await prodModelOrNull(this.registry, p.target);
    // A retry after this job promoted its best model: the model it replaced was the one before.
    const promotedEarlier =
      prodNow !== null && [...earlier.values()].some((v) => v.id === prodNow.id);
    const previous = promotedEarlier ? await this.prodBefore(p.target, prodNow.id) : prodNow;

    const budgetSec = p.budgetSec ?? this.config.forecasting.budget.retrain;
    const jobStarted = performance.now();
    // The backstop: past the budget by a quarter (plus a minute), training stops at its next step.
    const overrun = budgetOverrunSignal(budgetSec);
    const budgeted = withSignal(ctx, AbortSignal.any([ctx.signal, overrun]));
    const candidates: Candidate[] = [];
    for (const [i, kind] of kinds.entries()) {
      ctx.signal.throwIfAborted();
      const reused = earlier.get(kind);
      const fromManifest = reused ? candidateFromManifest(reused) : null;
      if (fromManifest) {
        ctx.log(`${kind}: reusing ${fromManifest.modelVersion}, registered by an earlier attempt`);
        candidates.push(fromManifest);
        continue;
      }
      // Each kind gets an equal share of what the kinds before it left.
      const left = budgetSec - (performance.now() - jobStarted) / 1000;
      const share = left / (kinds.length - i);
      if (share <= 0)
        throw new PermanentJobError(new TrainingBudgetError(budgetSec, budgetSec - left).message);
      try {
        candidates.push(
          await this.trainOne(
            budgeted,
            panel,
            kind,
            share,
            new TrainProgress(budgeted, i, kinds.length, kind),
          ),
        );
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        if (overrun.aborted)
          throw new PermanentJobError(`training overran its ${budgetSec} s budget`, { cause: err });
        if (err instanceof TrainingBudgetError)
          throw new PermanentJobError(err.message, { cause: err });
        throw err;
      }
    }
    candidates.sort((a, b) => a.backtest.model.wape - b.backtest.model.wape);
    const best = candidates[0];

    await ctx.progress(96, 'promote', { model: best.modelVersion });
    ctx.signal.throwIfAborted();
    const actor = jobActor(ctx.id);
    const reason = `retrain: best of ${kinds.join(', ')} by backtest WAPE`;
    let stage: Result['stage'] = 'staging';
    let gateFailures: string[] = [];
    if (p.promote && prodNow?.id === best.modelVersion) {
      stage = 'prod';
    } else if (p.promote) {
      const gates = await this.registry.checkGates(best.modelVersion);
      const prodReference = await prodReferenceFor({
        registry: this.registry,
        config: this.config,
        panel,
        candidateId: best.modelVersion,
        prod: prodNow,
        gates,
        log: (line) => ctx.log(line),
      });
      gateFailures = await this.promoteThroughGates(best.modelVersion, {
        actor,
        reason,
        prodReference,
      });
      if (gateFailures.length === 0) stage = 'prod';
    }
    if (stage === 'staging')
      await this.registry.promote(best.modelVersion, { actor, reason, stage: 'staging' });
    ctx.log(
      stage === 'prod'
        ? `promoted ${best.modelVersion} to prod${previous ? ` (was ${previous.id})` : ''}`
        : `${best.modelVersion} stays in staging${gateFailures.length > 0 ? `: ${gateFailures.join('; ')}` : ''}`,
    );
    return {
      target: p.target,
      candidates,
      modelVersion: best.modelVersion,
      stage,
      promoted: stage === 'prod',
      previousProd: previous?.id ?? null,
      gateFailures,
    };
  }

  /** Promotes to prod when the gates pass; returns the failed gates (empty when promoted). */
  private async promoteThroughGates(
    id: string,
    who: { actor: string; reason: string; prodReference?: ProdReference },
  ): Promise<string[]> {
    const failures = (gates: GateResult[]): string[] =>
      gates.filter((g) => !g.passed).map((g) => `${g.gate}: ${g.detail}`);
    const checked = failures(await this.registry.checkGates(id, who.prodReference));
    if (checked.length > 0) return checked;
    try {
      await this.registry.promote(id, { ...who, stage: 'prod' });
      return [];
    } catch (err) {
      // Prod changed between the check and the promotion, and the gates no longer pass.
      if (!isRegistryError(err, 'GATE_FAILED')) throw err;
      return failures(await this.registry.checkGates(id, who.prodReference));
    }
  }

  /** The model that held prod before `id` (from the history), or null. */
  private async prodBefore(target: Payload['target'], id: string): Promise<ModelVersion | null> {
    const { entries } = await this.registry.history(target, { id });
    const promotion = entries.filter((e) => e.id === id && e.toStage === 'prod').at(-1);
    if (!promotion?.previousId) return null;
    return this.registry.get(promotion.previousId).catch(() => null);
  }

  private async trainOne(
    ctx: JobContext<Payload>,
    panel: SeriesPanel,
    kind: string,
    budgetSec: number,
    progress: TrainProgress,
  ): Promise<Candidate> {
    const p = ctx.payload;
    const f = this.config.forecasting;
    const outcome = await trainModel({
      panel,
      target: p.target,
      kind,
      params: p.params,
      paramsSource: p.paramsSource,
      horizon: p.horizon ?? f.horizon,
      epochs: p.epochs,
      timeBudgetSec: p.timeBudgetSec,
      budgetSec,
      seed: p.seed ?? f.seed,
      backtest: {
        windows: p.backtestWindows ?? f.backtest.windows,
        refitEvery: f.backtest.refitEvery,
      },
      onStage: (stage, fraction, detail) => progress.onStage(stage, fraction, detail),
      onFitProgress: (fp) => progress.onFit(fp),
    });
    try {
      ctx.signal.throwIfAborted();
      const { version } = await registerTrainedModel(this.registry, outcome, {
        actor: jobActor(ctx.id),
        reason: `retrain ${p.target} (job ${ctx.id})`,
      });
      const bt = outcome.backtest;
      if (!bt) throw new Error(`training ${kind} returned no backtest`);
      // An ensemble's losses are its members' own, in different units: it has no final loss of its own.
      const lastLoss = outcome.fit.members ? undefined : outcome.fit.trainLoss.at(-1);
      ctx.log(
        `${kind}: WAPE ${bt.model.wape.toFixed(3)} vs seasonal naive ${bt.baseline.wape.toFixed(3)}; registered ${version.id}`,
      );
      return {
        modelVersion: version.id,
        kind,
        fit: {
          epochs: outcome.fit.epochs,
          finalLoss: lastLoss !== undefined && Number.isFinite(lastLoss) ? lastLoss : null,
          seconds: outcome.fit.seconds,
          samplesPerSec: outcome.fit.samplesPerSec,
        },
        backtest: {
          model: scoresOf(bt.model),
          seasonalNaive: scoresOf(bt.baseline),
        },
      };
    } finally {
      outcome.forecaster.dispose();
    }
  }
}
