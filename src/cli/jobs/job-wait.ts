import type { CliIo } from '../cli-io.js';
import { ProgressBar } from '../progress-bar.js';
import { FINAL_STATES, type JobInfo } from './jobs-client.js';

export const DEFAULT_POLL_MS = 400;

export interface WaitOptions {
  /** Shown before the bar, e.g. `train job`. */
  label: string;
  intervalMs?: number;
  /** Aborted on Ctrl-C: stop waiting (the job itself goes on). */
  signal?: AbortSignal;
}

export type WaitOutcome =
  { kind: 'finished'; job: JobInfo } | { kind: 'stopped'; job: JobInfo | null };

/** What the bar shows next to the percentage: the stage, or why the job is not running. */
export function progressDetail(job: JobInfo): string {
  if (job.state === 'waiting') return 'waiting for a worker';
  if (job.state === 'delayed') {
    return `retrying after attempt ${job.attempts}/${job.maxAttempts}${job.error === null ? '' : `: ${job.error}`}`;
  }
  return job.stage ?? job.state;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls `fetchJob` until the job is completed, failed or cancelled, with a progress bar (and the
 * stage) on stderr. Stops early, without touching the job, when `signal` is aborted.
 */
export async function waitForJob(
  fetchJob: () => Promise<JobInfo>,
  io: CliIo,
  opts: WaitOptions,
): Promise<WaitOutcome> {
  const bar = new ProgressBar(io, opts.label, 100);
  let last: JobInfo | null = null;
  for (;;) {
    if (opts.signal?.aborted === true) return { kind: 'stopped', job: last };
    const job = await fetchJob();
    last = job;
    if (FINAL_STATES.includes(job.state)) {
      if (job.state === 'completed') bar.update(100, progressDetail(job));
      bar.done(job.state);
      return { kind: 'finished', job };
    }
    bar.update(Math.round(job.progress), progressDetail(job));
    await sleep(opts.intervalMs ?? DEFAULT_POLL_MS, opts.signal);
  }
}

/** An AbortSignal aborted by the next Ctrl-C (SIGINT) until `dispose` (which restores the default). */
export function interruptOnSigint(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
