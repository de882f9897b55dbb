import type { JobCatalog } from '../job-catalog.types.js';
import type { JobLogger } from '../job-logger.js';
import type { JobScheduleSpec, ScheduledJobInfo } from '../job-queue.port.js';
import { assertJobName, parseJobPayload } from '../job-submission.js';
import { CronTimers } from './cron-timers.js';

/** The in-process adapter's job schedules: a cron timer per schedule that submits its job. */
export class InProcessSchedules<C extends JobCatalog> {
  private readonly timers = new CronTimers();
  private specs: readonly JobScheduleSpec<C>[] = [];

  constructor(
    private readonly catalog: C,
    private readonly submit: (name: string, payload: unknown) => Promise<unknown>,
    private readonly logger: JobLogger,
  ) {}

  /** Replaces every schedule (names, payloads and patterns checked first: a bad one throws). */
  sync(schedules: readonly JobScheduleSpec<C>[]): void {
    const specs = schedules.map((s) => {
      const name = assertJobName(this.catalog, s.name);
      const payload = parseJobPayload(this.catalog, name, s.payload);
      return {
        key: `${name}.${s.id}`,
        cron: s.cron,
        tz: s.tz,
        fire: () =>
          this.submit(name, payload).then(
            () => undefined,
            (err: unknown) => this.logger.warn(`schedule ${name}.${s.id} not run: ${String(err)}`),
          ),
      };
    });
    this.timers.replace(specs);
    this.specs = [...schedules];
  }

  list(): ScheduledJobInfo[] {
    return this.specs.map((s) => {
      const next = this.timers.nextRun(`${s.name}.${s.id}`);
      return {
        id: s.id,
        name: s.name,
        cron: s.cron,
        tz: s.tz ?? null,
        nextRunAt: next === undefined ? null : new Date(next).toISOString(),
      };
    });
  }

  clear(): void {
    this.timers.clear();
    this.specs = [];
  }
}
