import type { JobProcessorBundle } from './job-processor.bundle.js';

/**
 * freshcast's job processors: one `@Injectable()` class per job name implementing JobProcessor
 * (`<name>.job.ts` in this folder), plus the modules providing what they inject (serving,
 * registry, evaluation). Processing processes refuse to start while a job has no processor, so
 * until all exist, start JobsModule with `requireAllProcessors: false`.
 */
export const JOB_PROCESSOR_BUNDLE: JobProcessorBundle = {
  imports: [],
  processors: [],
};
