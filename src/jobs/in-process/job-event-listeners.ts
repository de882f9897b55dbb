import type { JobLogger } from '../job-logger.js';
import type { JobEvent, JobEventListener } from '../job-queue.port.js';

/** The in-process adapter's `onEvent` listeners: one that throws is logged, the others still hear the event. */
export class JobEventListeners {
  private readonly listeners = new Set<JobEventListener>();

  constructor(private readonly logger: JobLogger) {}

  /** Adds a listener; returns its unsubscribe. */
  add(listener: JobEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.logger.warn(`job event listener failed: ${String(err)}`);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
