import { Injectable } from '@nestjs/common';

/** Ids kept at most; the oldest are forgotten first (a job whose final event never came). */
const MAX_IDS = 10_000;

/**
 * The jobs this process ran. Queue events reach every process, so per-process metrics (job
 * durations, failures) count only the jobs found here: a fleet of workers then counts each job once.
 */
@Injectable()
export class LocalJobRuns {
  private readonly ids = new Set<string>();

  constructor(private readonly max = MAX_IDS) {}

  /** An attempt of job `id` starts in this process. */
  started(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size <= this.max) return;
    const oldest = this.ids.values().next();
    if (oldest.done !== true) this.ids.delete(oldest.value);
  }

  /** Whether this process ran job `id`; forgets it (its final event is counted once). */
  take(id: string): boolean {
    return this.ids.delete(id);
  }
}
