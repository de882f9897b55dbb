/** The JobProcessor instances JobsModule registers (from the processor bundle). */
export const JOB_PROCESSORS = Symbol('JOB_PROCESSORS');
/** The resolved JobsRuntime (role, mode, jobs config). */
export const JOBS_RUNTIME = Symbol('JOBS_RUNTIME');
