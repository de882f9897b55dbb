import type { ModuleMetadata, Type } from '@nestjs/common';
import type { JobProcessor } from './job-processor.types.js';

/** Processor classes (Nest providers, one per job) and the modules their dependencies come from. */
export interface JobProcessorBundle {
  imports: NonNullable<ModuleMetadata['imports']>;
  processors: Type<JobProcessor>[];
}
