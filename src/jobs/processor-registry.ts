import type { JobCatalog, JobNameOf } from './job-catalog.types.js';
import { ProcessorRegistrationError } from './job.errors.js';
import type { JobHandler } from './job-processor.types.js';

/** Name → the one processor for it. Refuses unknown names, a second processor, and (at start) none. */
export class ProcessorRegistry<C extends JobCatalog> {
  private readonly handlers = new Map<string, JobHandler<C, JobNameOf<C>>>();

  constructor(private readonly catalog: C) {}

  register<N extends JobNameOf<C>>(name: N, handler: JobHandler<C, N>): void {
    if (!Object.hasOwn(this.catalog, name)) {
      throw new ProcessorRegistrationError(
        `no job is named "${name}"; cannot register a processor`,
      );
    }
    if (this.handlers.has(name)) {
      throw new ProcessorRegistrationError(
        `job "${name}" has two processors; exactly one is allowed`,
      );
    }
    this.handlers.set(name, handler);
  }

  get(name: string): JobHandler<C, JobNameOf<C>> | undefined {
    return this.handlers.get(name);
  }

  /** Throws when one of `names` has no processor. */
  assertComplete(names: readonly string[]): void {
    const missing = names.filter((n) => !this.handlers.has(n));
    if (missing.length > 0) {
      throw new ProcessorRegistrationError(
        `no processor registered for job${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ` +
          'each job needs exactly one (src/jobs/processors/index.ts)',
      );
    }
  }
}
