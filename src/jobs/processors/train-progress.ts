import type { FitProgress } from '../../forecasting/forecast.types.js';
import type { TrainingStage } from '../../training/training.types.js';
import type { JobContext } from '../job-processor.types.js';

/** Share of a kind's progress spent in its backtest (the rest is the final fit). */
const BACKTEST_SHARE = 0.6;
/** Progress reports at most this often (training calls back every epoch). */
const MIN_INTERVAL_MS = 250;

/**
 * Maps training callbacks of kind `index` of `count` onto the job's 0–95 % (the last 5 % are
 * registration and promotion), with the stage name and, while fitting, epoch and loss. Also stops
 * the training at the next callback once the job is cancelled or the worker shuts down.
 */
export class TrainProgress {
  private last = 0;

  constructor(
    private readonly ctx: JobContext<unknown>,
    private readonly index: number,
    private readonly count: number,
    private readonly kind: string,
  ) {}

  onStage(stage: TrainingStage, fraction: number, detail: string): void {
    this.ctx.signal.throwIfAborted();
    const within = stage === 'backtest' ? fraction * BACKTEST_SHARE : BACKTEST_SHARE;
    this.report(stage === 'done' ? 1 : within, stage === 'done' ? 'fit' : stage, { detail }, true);
  }

  onFit(p: FitProgress): void {
    this.ctx.signal.throwIfAborted();
    const within = BACKTEST_SHARE + (1 - BACKTEST_SHARE) * (p.epochs > 0 ? p.epoch / p.epochs : 0);
    this.report(within, 'fit', {
      epoch: p.epoch,
      epochs: p.epochs,
      loss: Number.isFinite(p.loss) ? Number(p.loss.toFixed(5)) : null,
      samples_per_sec: Math.round(p.samplesPerSec),
    });
  }

  private report(
    within: number,
    stage: string,
    detail: Record<string, string | number | null>,
    force = false,
  ): void {
    const now = Date.now();
    if (!force && now - this.last < MIN_INTERVAL_MS) return;
    this.last = now;
    const percent = ((this.index + Math.min(1, Math.max(0, within))) / this.count) * 95;
    void this.ctx.progress(percent, stage, { kind: this.kind, ...detail });
  }
}
