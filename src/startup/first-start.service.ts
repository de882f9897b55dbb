import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import type { SeriesPanel, Target } from '../data/series-panel.js';
import { ModelRegistryService } from '../registry/model-registry.service.js';
import { RegistryError } from '../registry/registry.errors.js';
import { registerTrainedModel } from '../training/model-registration.js';
import { trainModel } from '../training/model-trainer.js';
import { DatasetService } from './dataset.service.js';
import type { StartupState } from './startup-state.js';

const TARGET: Target = 'quantity';

/**
 * The main job of `npm start`, run in the background once the API listens: make sure there is data
 * (demo data generated into data/demo when data/ holds none), read + validate it + build the panel,
 * then reuse the prod model of the quantity target from the registry, or, on first start, backtest
 * the default kind against seasonal naive, fit it, register it and promote it to prod.
 */
@Injectable()
export class FirstStartService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstStartService.name);
  readonly state: StartupState = {
    phase: 'starting',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    data: null,
    models: {},
    error: null,
  };
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly datasets: DatasetService,
    private readonly registry: ModelRegistryService,
  ) {}

  onApplicationBootstrap(): void {
    // A SageMaker container serves the model in /opt/ml/model: no demo data, no training there.
    if (!this.config.startup.enabled || this.config.sagemaker.enabled) return;
    this.running = this.run();
  }

  /** Resolves when the first-start job is over (tests, shutdown). */
  async settled(): Promise<void> {
    await this.running;
  }

  async run(): Promise<void> {
    try {
      const panel = await this.loadData();
      if (panel && this.config.forecasting.trainOnStart) await this.ensureProdModel(panel);
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

  private async ensureProdModel(panel: SeriesPanel): Promise<void> {
    try {
      const prod = await this.registry.resolve(TARGET, 'prod');
      this.state.models[TARGET] = {
        id: prod.id,
        kind: prod.kind,
        trained: false,
        wape: prod.backtest?.wape ?? null,
        seasonalNaiveWape: prod.backtest?.seasonal_naive_wape ?? null,
      };
      this.logger.log(`prod model for ${TARGET}: ${prod.id} (reused, no training)`);
      return;
    } catch (err) {
      if (!(err instanceof RegistryError && err.registryCode === 'NOT_FOUND')) throw err;
    }
    this.state.phase = 'training';
    const f = this.config.forecasting;
    this.logger.log(
      `no prod model for ${TARGET}: training ${f.defaultModel} (backtest ${f.backtest.windows} window(s) × ${f.horizon} days vs seasonal naive, then a fit on all data)`,
    );
    const outcome = await trainModel({
      panel,
      target: TARGET,
      kind: f.defaultModel,
      horizon: f.horizon,
      seed: f.seed,
      timeBudgetSec: f.timeBudgetSec,
      backtest: { windows: f.backtest.windows, refitEvery: f.backtest.refitEvery },
    });
    try {
      const bt = outcome.backtest;
      if (bt) {
        const gain = (bt.baseline.wape - bt.model.wape) / bt.baseline.wape;
        this.logger.log(
          `backtest ${f.defaultModel}: WAPE ${bt.model.wape.toFixed(3)} vs seasonal naive ${bt.baseline.wape.toFixed(3)} (${(gain * 100).toFixed(1)} % better), P10–P90 coverage ${(bt.model.coverage_p10_p90 * 100).toFixed(1)} %, cutoffs ${bt.cutoffs.join(', ')}`,
        );
      }
      const { version } = await registerTrainedModel(this.registry, outcome, {
        actor: 'first-start',
        reason: 'npm start: no prod model',
        stage: 'prod',
      });
      this.state.models[TARGET] = {
        id: version.id,
        kind: version.kind,
        trained: true,
        wape: version.backtest?.wape ?? null,
        seasonalNaiveWape: version.backtest?.seasonal_naive_wape ?? null,
      };
      this.logger.log(
        `registered ${version.id} and promoted it to prod (fit ${outcome.fit.seconds.toFixed(1)} s, total ${outcome.seconds.toFixed(1)} s)`,
      );
    } finally {
      outcome.forecaster.dispose();
    }
  }
}
