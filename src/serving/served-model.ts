import type { Target } from '../data/series-panel.js';
import type { Forecast, Forecaster } from '../forecasting/forecast.types.js';

/**
 * A loaded prod model and its forecast cache. Requests `acquire` it for their duration; once
 * replaced (`retire`), it is disposed when the last request using it releases it.
 */
export class ServedModel {
  private inFlight = 0;
  private retired = false;
  private disposed = false;

  constructor(
    readonly id: string,
    readonly target: Target,
    readonly horizon: number,
    readonly forecaster: Forecaster,
    /** seriesId → forecast from the day after the panel's last date. */
    readonly cache: ReadonlyMap<string, Forecast>,
    readonly cacheCreatedAt: string,
    readonly fingerprint: string,
    readonly cacheSource: 'computed' | 'store',
  ) {}

  acquire(): void {
    if (this.disposed) throw new Error(`model ${this.id} is already disposed`);
    this.inFlight++;
  }

  release(): void {
    this.inFlight--;
    this.disposeIfIdle();
  }

  /** No longer handed to new requests; disposed once nobody uses it. */
  retire(): void {
    this.retired = true;
    this.disposeIfIdle();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  private disposeIfIdle(): void {
    if (!this.retired || this.inFlight > 0 || this.disposed) return;
    this.disposed = true;
    this.forecaster.dispose();
  }
}
