import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { Target } from '../data/series-panel.js';
import { JobName } from '../common/job-names.js';
import { JOB_QUEUE, type JobEvent, type JobQueue } from '../jobs/job-queue.port.js';
import { ModelRegistryService } from '../registry/model-registry.service.js';
import { DatasetService } from '../data/dataset.service.js';
import { ARTIFACT_STORE, type ArtifactStore } from '../storage/artifact-store.js';
import { retrainDecision } from './accuracy/retrain-trigger.js';
import type { AccuracyReport } from './accuracy/accuracy-scorer.js';
import { ActualsStore } from './actuals/actuals.store.js';
import { AlertDispatcher } from './alerts/alert-dispatcher.js';
import {
  accuracyAlerts,
  driftAlerts,
  jobFailureAlert,
  staleDataAlert,
} from './alerts/alert-rules.js';
import type { AlertEvent, AlertRecord } from './alerts/alert.types.js';
import { CANARY_CONTROL, type CanaryControl } from './canary/canary-control.js';
import { judgeTargetCanary, type CanaryJudgement } from './canary/canary-judge.js';
import type { DriftReport } from './drift/drift-report.js';
import { ForecastQualityGauges } from './forecast-quality.metrics.js';
import { MetricsService } from './metrics.service.js';
import { readAccuracyReports, readDriftReports } from './monitoring-reports.js';
import { errorMessage } from '../common/errors/error-message.js';

/**
 * The API side of forecast monitoring: serves the reports the jobs wrote, and when a
 * score-accuracy or check-drift job completes (here or on a worker) sets the gauges, checks the
 * alert rules, judges canaries (which live in this process) and triggers a retrain when asked.
 * Counts consecutive failures of every job for the job-failure rule.
 */
@Injectable()
export class ForecastMonitoringService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ForecastMonitoringService.name);
  readonly alerts: AlertDispatcher;
  private readonly gauges: ForecastQualityGauges;
  private readonly failures = new Map<string, number>();
  private unsubscribe: (() => void) | null = null;
  private work: Promise<unknown> = Promise.resolve();
  /** The last canary judgements, per target. */
  readonly judgements = new Map<Target, CanaryJudgement>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
    private readonly actuals: ActualsStore,
    private readonly registry: ModelRegistryService,
    @Inject(CANARY_CONTROL) private readonly candidates: CanaryControl,
    private readonly datasets: DatasetService,
    metrics: MetricsService,
  ) {
    this.alerts = new AlertDispatcher(store, config.monitoring.alerts);
    this.gauges = new ForecastQualityGauges(metrics.registry);
  }

  onApplicationBootstrap(): void {
    this.jobs
      .onEvent((e) => this.onJobEvent(e))
      .then((off) => (this.unsubscribe = off))
      .catch((err: unknown) =>
        this.logger.warn(`not listening for monitoring jobs: ${errorMessage(err)}`),
      );
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.work.catch(() => undefined);
    await this.alerts.close();
  }

  accuracy(target?: Target): Promise<AccuracyReport[]> {
    return readAccuracyReports(this.store, target);
  }

  drift(target?: Target): Promise<DriftReport[]> {
    return readDriftReports(this.store, target);
  }

  alertHistory(limit: number): Promise<AlertRecord[]> {
    return this.alerts.history(limit);
  }

  /** Resolves when the reactions to the job events seen so far are done (tests). */
  async settled(): Promise<void> {
    await this.work.catch(() => undefined);
    await this.alerts.drain();
  }

  private onJobEvent(e: JobEvent): void {
    if (e.type === 'failed') {
      const n = (this.failures.get(e.name) ?? 0) + 1;
      this.failures.set(e.name, n);
      const rules = this.config.monitoring.alerts.rules;
      this.enqueue(() => this.fire(jobFailureAlert(e.name, n, e.error ?? 'unknown', rules)));
      return;
    }
    if (e.type !== 'completed') return;
    this.failures.delete(e.name);
    if (e.name === JobName.ScoreAccuracy) this.enqueue(() => this.afterScoring());
    if (e.name === JobName.CheckDrift) this.enqueue(() => this.afterDrift());
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((err: unknown) => {
      this.logger.warn(`monitoring reaction failed: ${errorMessage(err)}`);
    });
  }

  private async fire(events: AlertEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { fired } = await this.alerts.dispatch(events);
    for (const a of fired) this.gauges.alertFired(a.rule, a.severity);
  }

  /** Gauges, accuracy and stale-data alerts, canary verdicts and the retrain trigger. */
  async afterScoring(): Promise<void> {
    const rules = this.config.monitoring.alerts.rules;
    const today = new Date().toISOString().slice(0, 10);
    for (const report of await this.accuracy()) {
      this.gauges.setAccuracy(report);
      await this.fire([
        ...accuracyAlerts(report, rules),
        ...staleDataAlert(report.target, report.as_of, today, rules),
      ]);
      await this.judgeCanary(report.target);
      await this.maybeRetrain(report);
    }
  }

  async afterDrift(): Promise<void> {
    for (const report of await this.drift()) {
      this.gauges.setDrift(report);
      await this.fire(driftAlerts(report, this.config.monitoring.alerts.rules));
    }
  }

  private async judgeCanary(target: Target): Promise<void> {
    const c = this.config.monitoring.canary;
    if (!c.enabled) return;
    const judgement = await judgeTargetCanary(
      {
        store: this.store,
        actuals: this.actuals,
        registry: this.registry,
        panel: this.datasets.panel,
        candidate: (t) => this.candidates.candidate(t),
        endCandidate: (t) => void this.candidates.clearCandidate(t),
      },
      target,
      {
        minScoredDays: c.minScoredDays,
        maxDegradation: c.maxDegradation,
        autoPromote: c.autoPromote,
        minImprovement: this.config.registry.gates.minImprovement,
      },
    );
    if (judgement) this.judgements.set(target, judgement);
  }

  /** A `train` job when prod's live WAPE over the widest window is past its backtest by the configured share. */
  private async maybeRetrain(report: AccuracyReport): Promise<void> {
    const decision = retrainDecision(report, this.config.monitoring.retrainOnDegradation);
    if (!decision) return;
    const { id, deduplicated } = await this.jobs.add(
      JobName.Train,
      { target: report.target },
      { idempotencyKey: decision.idempotencyKey },
    );
    if (!deduplicated)
      this.logger.log(
        `${decision.model}: live WAPE ${decision.liveWape.toFixed(3)} vs backtest ${decision.backtestWape.toFixed(3)}; retraining (job ${id})`,
      );
  }
}
