import type { Redis } from 'ioredis';
import { cancelMarkerKey } from './cancel-records.js';

/**
 * Worker side of cancellation: the jobs this process runs, each with an AbortController; a timer
 * (only while jobs run) reads their cancel markers and aborts the ones the API asked to stop.
 * Polling rather than pub/sub: a request made while this worker was reconnecting is not lost.
 */
export class CancelWatch {
  private readonly running = new Map<string, { name: string; cancel: AbortController }>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly client: () => Redis,
    private readonly prefix: string,
    private readonly pollMs: number,
  ) {}

  get size(): number {
    return this.running.size;
  }

  /** Whether the API asked to cancel the job (checked before it starts). */
  async requested(name: string, id: string): Promise<boolean> {
    return (await this.client().exists(cancelMarkerKey(this.prefix, name, id))) === 1;
  }

  track(name: string, id: string): AbortSignal {
    const cancel = new AbortController();
    this.running.set(id, { name, cancel });
    this.timer ??= setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    return cancel.signal;
  }

  /** The job ended: forget it and drop its marker (best effort). */
  untrack(name: string, id: string): void {
    this.running.delete(id);
    this.client()
      .del(cancelMarkerKey(this.prefix, name, id))
      .catch(() => undefined);
    if (this.running.size === 0) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling || this.running.size === 0) return;
    this.polling = true;
    try {
      const entries = [...this.running.entries()];
      const keys = entries.map(([id, job]) => cancelMarkerKey(this.prefix, job.name, id));
      const flags = await this.client().mget(...keys);
      flags.forEach((flag, i) => {
        if (flag !== null) entries[i][1].cancel.abort();
      });
    } catch {
      // Redis unreachable: next tick.
    } finally {
      this.polling = false;
    }
  }
}
