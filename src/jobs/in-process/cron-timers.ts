import { getNextMillis } from 'bullmq';

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface CronTimerSpec {
  key: string;
  cron: string;
  tz?: string;
  fire: () => Promise<void>;
}

/** Next run of a cron pattern after `from` (ms), or undefined when there is none. Throws on a bad pattern. */
export function nextCronRun(cron: string, from: number, tz?: string): number | undefined {
  // BullMQ's own cron evaluation, so both adapters read patterns the same way.
  return getNextMillis(from, { pattern: cron, ...(tz === undefined ? {} : { tz }) });
}

/** In-process cron schedules: one timer per schedule, re-armed after each run. */
export class CronTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly nextRuns = new Map<string, number>();

  /** Replaces every schedule with `specs` (patterns are checked first: a bad one throws, nothing changes). */
  replace(specs: readonly CronTimerSpec[]): void {
    for (const s of specs) nextCronRun(s.cron, Date.now(), s.tz);
    this.clear();
    for (const s of specs) this.arm(s);
  }

  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.nextRuns.clear();
  }

  /** When the schedule under `key` runs next (ms), if it is armed. */
  nextRun(key: string): number | undefined {
    return this.nextRuns.get(key);
  }

  get size(): number {
    return this.timers.size;
  }

  private arm(spec: CronTimerSpec): void {
    const next = nextCronRun(spec.cron, Date.now(), spec.tz);
    if (next === undefined) {
      this.timers.delete(spec.key);
      this.nextRuns.delete(spec.key);
      return;
    }
    this.nextRuns.set(spec.key, next);
    const wait = Math.max(0, next - Date.now());
    const timer = setTimeout(
      () => {
        if (wait > MAX_TIMER_MS) return this.arm(spec);
        void spec.fire().finally(() => {
          if (this.timers.get(spec.key) === timer) this.arm(spec);
        });
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(spec.key, timer);
  }
}
