import type { AppConfig } from '../config/app-config.schema.js';
import { processesJobs, resolveRole, type FreshcastRole } from './freshcast-role.js';
import type { JobsConfig } from '../config/jobs.config.js';

/** Everything JobsModule decides at boot. */
export interface JobsRuntime {
  role: FreshcastRole;
  mode: 'bullmq' | 'in-process';
  redisUrl: string;
  /** Whether this process runs jobs (else it only submits). */
  processes: boolean;
  /** Refuse to start when a job has no processor (else run only those that have one). */
  requireAllProcessors: boolean;
  jobs: JobsConfig;
}

export interface JobsRuntimeOptions {
  role?: FreshcastRole;
  jobs?: JobsConfig;
  requireAllProcessors?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** The `jobs` section of the app config (validated once, by the config loader). */
export function jobsConfigOf(config: AppConfig): JobsConfig {
  return config.jobs;
}

export function resolveJobsRuntime(config: AppConfig, opts: JobsRuntimeOptions = {}): JobsRuntime {
  const role = opts.role ?? resolveRole(opts.env ?? process.env);
  const redisUrl = config.queue.redisUrl;
  const mode = redisUrl === '' ? 'in-process' : 'bullmq';
  return {
    role,
    mode,
    redisUrl,
    processes: processesJobs(role, mode),
    requireAllProcessors: opts.requireAllProcessors ?? true,
    jobs: opts.jobs ?? jobsConfigOf(config),
  };
}
