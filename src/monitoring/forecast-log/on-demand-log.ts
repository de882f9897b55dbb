import { Logger } from '@nestjs/common';
import type { Target } from '../../data/series-panel.js';
import type { Forecast } from '../../forecasting/forecast.types.js';
import type { ArtifactStore } from '../../storage/artifact-store.js';
import { writeForecastLog } from './forecast-log.store.js';

export interface OnDemandLogOptions {
  /** Seconds between writes of the buffered answers. */
  flushSec: number;
  /** Answers kept between writes; beyond it the oldest are dropped (and counted). */
  maxBuffered: number;
}

interface Pending {
  modelVersion: string;
  target: Target;
  forecast: Forecast;
}

/**
 * Forecasts answered on demand (over a history the request sent), logged like the cache's: kept in
 * memory and written every `flushSec` as one part per model and target, so the hot path only pushes
 * a reference. Bounded: when writes fall behind, the oldest answers are dropped and counted, never
 * the request delayed. A failed write is warned and its answers dropped.
 */
export class OnDemandForecastLog {
  private readonly logger = new Logger(OnDemandForecastLog.name);
  private buffer: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private seq = 0;
  dropped = 0;
  written = 0;

  constructor(
    private readonly store: ArtifactStore,
    private readonly options: OnDemandLogOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  record(modelVersion: string, target: Target, forecast: Forecast): void {
    if (this.buffer.length >= this.options.maxBuffered) {
      this.buffer.shift();
      this.dropped++;
    }
    this.buffer.push({ modelVersion, target, forecast });
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.options.flushSec * 1000);
      this.timer.unref();
    }
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Writes what is buffered (serialised with any write in progress). */
  flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    const run = this.flushing.then(() => this.write(batch));
    this.flushing = run.catch(() => undefined);
    return run;
  }

  /** Stops the timer and writes what is left (shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async write(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    const groups = new Map<string, Pending[]>();
    for (const p of batch) {
      const key = `${p.modelVersion}|${p.target}`;
      const g = groups.get(key);
      if (g) g.push(p);
      else groups.set(key, [p]);
    }
    // One part per flush: a later flush never overwrites an earlier one.
    const source = `on-demand-${this.clock().toISOString().replace(/\D/g, '').slice(0, 14)}-${++this.seq}`;
    for (const group of groups.values()) {
      const { modelVersion, target } = group[0];
      try {
        await writeForecastLog(this.store, {
          modelVersion,
          target,
          source,
          forecasts: group.map((p) => p.forecast),
        });
        this.written += group.length;
      } catch (err) {
        this.logger.warn(
          `could not log ${group.length} on-demand forecasts of ${modelVersion}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }
}
