import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { SeriesPanel, Target } from '../data/series-panel.js';
import { ModelRegistryService } from '../registry/model-registry.service.js';
import { RegistryError } from '../registry/registry.errors.js';
import { JobName } from '../common/job-names.js';
import { JOB_QUEUE, type JobQueue, type JobState, type JobView } from '../jobs/job-queue.port.js';
import { panelFingerprint } from '../data/data-fingerprint.js';
import { DatasetService } from '../data/dataset.service.js';
import type { StartupState } from './startup-state.js';

/** Targets the first start trains with `forecasting.priceModels`. */
const PRICE_TARGETS: readonly Target[] = ['price', 'wholesale'];
/** How often the first start looks at its train job. */
const POLL_MS = 250;
const FINISHED: readonly JobState[] = ['completed', 'failed', 'cancelled'];

/** A target the first start makes sure has a prod model, and the kinds it trains when not. */
interface TargetPlan {
  target: Target;
  kinds: readonly string[];
  /** A failure fails the start (quantity) or is a warning (the price targets). */
  required: boolean;
}

/**
 * The main job of `npm start`, run in the background once the API listens: make sure there is data
 * (demo data generated into data/demo when data/ holds none), read + validate it + build the panel,
 * then reuse each target's prod model from the registry, or, on first start, run a `train` job for
 * it (quantity: the default kind; price and wholesale: `forecasting.priceModels`, backtest against
 * seasonal naive, fit, register, promote to prod through the gates) and wait for them: worker
 * processes may take them.
 */
@Injectable()
export class FirstStartService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FirstStartService.name);
  readonly state: StartupState = {
    phase: 'starting',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    data: null,
    models: {},
    warnings: [],
    error: null,
  };
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly datasets: DatasetService,
    private readonly registry: ModelRegistryService,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    // A SageMaker container serves the model in /opt/ml/model: no demo data, no training there.
    if (!this.config.startup.enabled || this.config.sagemaker.enabled) return;
    this.running = this.run();
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  /** Resolves when the first-start job is over (tests, shutdown). */
  async settled(): Promise<void> {
    await this.running;
  }

  async run(): Promise<void> {
    try {
      const panel = await this.loadData();
      if (panel && this.config.forecasting.trainOnStart) await this.ensureProdModels(panel);
      this.state.phase = 'ready';
      this.logger.log('ready');
    } catch (err) {
      this.state.phase = 'failed';
      this.state.error = err instanceof Error ? err.message : String(err);
      this.logger.error(`first-start job failed: ${this.state.error}`);
    } finally {
      this.state.finishedAt = new Date().toISOString();
    }
  }

  private async loadData(): Promise<SeriesPanel | null> {
    this.state.phase = 'data';
    const { loaded, dir, generated } = await this.datasets.load();
    const s = loaded.report.summary;
    this.logger.log(
      `validated ${dir}: ${s.errorCount} error(s), ${s.warningCount} warning(s) (freshcast data validate --data ${dir} for the report)`,
    );
    if (!loaded.panel)
      throw new Error(`the data in ${dir} has errors; fix them or point data.dir elsewhere`);
    const p = loaded.panel;
    this.state.data = {
      dir,
      generated,
      series: p.seriesIds.length,
      days: p.dates.length,
      firstDate: p.dates[0],
      lastDate: p.dates[p.dates.length - 1],
      warnings: s.warningCount,
      seconds: loaded.timings.total,
    };
    this.logger.log(
      `panel: ${p.seriesIds.length} series × ${p.dates.length} days (${p.dates[0]} … ${this.state.data.lastDate}) in ${loaded.timings.total.toFixed(1)} s`,
    );
    return p;
  }

  /**
   * Every target gets a prod model: quantity with the default kind (its failure fails the start),
   * the price targets with `forecasting.priceModels` (cheap kinds; a failure there is a warning,
   * and replenishment falls back to the last observed prices). All jobs are submitted first, so
   * several workers may take them at once; in one process they run one after the other, quantity
   * first.
   */
  private async ensureProdModels(panel: SeriesPanel): Promise<void> {
    const f = this.config.forecasting;
    const plans: TargetPlan[] = [{ target: 'quantity', kinds: [f.defaultModel], required: true }];
    if (f.priceModels.length > 0)
      for (const target of PRICE_TARGETS)
        if (panel.columns.has(target))
          plans.push({ target, kinds: f.priceModels, required: false });
    const submitted: { plan: TargetPlan; id: string }[] = [];
    for (const plan of plans) {
      const id = await this.submitIfNoProd(panel, plan);
      if (id) submitted.push({ plan, id });
    }
    for (const { plan, id } of submitted) {
      try {
        await this.finish(plan, id);
      } catch (err) {
        if (plan.required) throw err;
        const message = err instanceof Error ? err.message : String(err);
        this.state.warnings.push(`${plan.target}: ${message}`);
        this.logger.warn(`no prod model for ${plan.target}: ${message}`);
      }
    }
  }

  /** Records the target's prod model and returns null, or submits its train job and returns the id. */
  private async submitIfNoProd(panel: SeriesPanel, plan: TargetPlan): Promise<string | null> {
    const { target, kinds } = plan;
    try {
      const prod = await this.registry.resolve(target, 'prod');
      this.state.models[target] = {
        id: prod.id,
        kind: prod.kind,
        trained: false,
        wape: prod.backtest?.wape ?? null,
        seasonalNaiveWape: prod.backtest?.seasonal_naive_wape ?? null,
      };
      this.logger.log(`prod model for ${target}: ${prod.id} (reused, no training)`);
      return null;
    } catch (err) {
      if (!(err instanceof RegistryError && err.registryCode === 'NOT_FOUND')) throw err;
    }
    this.state.phase = 'training';
    const f = this.config.forecasting;
    // A job, so that a worker process (`freshcast worker`) can take it; without Redis, or in role
    // `all`, it runs in this process. The key makes a restart during training wait for the same job.
    // The first start's budget (about 3 minutes) per target's job, not the retrains' larger one.
    const payload = { kinds: [...kinds], target, promote: true, budgetSec: f.budget.firstStart };
    const key = `first-start-${target}-${kinds.join('+')}-${panelFingerprint(panel, target)}`;
    let { id, deduplicated } = await this.jobs.add(JobName.Train, payload, { idempotencyKey: key });
    if (deduplicated && FINISHED.includes((await this.jobs.get(id))?.state ?? 'completed')) {
      // That job ran before, yet there is no prod model now (removed since): train again.
      ({ id, deduplicated } = await this.jobs.add(JobName.Train, payload));
    }
    this.logger.log(
      `no prod model for ${target}: ${deduplicated ? 'waiting for' : 'submitted'} train job ${id} (${kinds.join(', ')}: backtest ${f.backtest.windows} window(s) × ${f.horizon} days vs seasonal naive, then a fit on all data)`,
    );
    return id;
  }

  private async finish({ target }: TargetPlan, id: string): Promise<void> {
    const view = await this.waitFor(id);
    if (view.name !== JobName.Train || view.state !== 'completed' || !view.result)
      throw new Error(`train job ${id} ${view.state}: ${view.error ?? 'no result'}`);
    const r = view.result;
    const best = r.candidates.find((c) => c.modelVersion === r.modelVersion) ?? r.candidates[0];
    const bt = best.backtest;
    const gain = (bt.seasonalNaive.wape - bt.model.wape) / bt.seasonalNaive.wape;
    this.logger.log(
      `backtest ${target} ${best.kind}: WAPE ${bt.model.wape.toFixed(3)} vs seasonal naive ${bt.seasonalNaive.wape.toFixed(3)} (${(gain * 100).toFixed(1)} % better), P10–P90 coverage ${((bt.model.coverage ?? 0) * 100).toFixed(1)} %`,
    );
    if (!r.promoted)
      throw new Error(
        `${r.modelVersion} did not pass the promotion gates (${r.gateFailures.join('; ')}); it is in staging: freshcast models promote ${r.modelVersion} --force --reason ...`,
      );
    this.state.models[target] = {
      id: r.modelVersion,
      kind: best.kind,
      trained: true,
      wape: bt.model.wape,
      seasonalNaiveWape: bt.seasonalNaive.wape,
    };
    this.logger.log(
      `registered ${r.modelVersion} and promoted it to prod (fit ${best.fit.seconds.toFixed(1)} s)`,
    );
  }

  /** Polls the job until it is over; gives up when the app shuts down. */
  private async waitFor(id: string): Promise<JobView> {
    let waitingSaid = false;
    for (;;) {
      if (this.stopping) throw new Error(`shutting down while train job ${id} was not finished`);
      const view = await this.jobs.get(id);
      if (!view) throw new Error(`train job ${id} disappeared`);
      if (FINISHED.includes(view.state)) return view;
      if (
        view.state === 'waiting' &&
        !waitingSaid &&
        Date.now() - Date.parse(view.createdAt) > 10_000
      ) {
        waitingSaid = true;
        this.logger.warn(
          `train job ${id} is still waiting: start a worker (freshcast worker) or run with FRESHCAST_ROLE=all`,
        );
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}
