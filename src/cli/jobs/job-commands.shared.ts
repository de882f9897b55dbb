import { CommandError, UsageError } from '../cli.errors.js';
import type { CliIo } from '../cli-io.js';
import type { OptionValues } from '../command.types.js';
import { optString } from '../option-readers.js';
import { writeOutputText } from '../output-file.js';
import type { JobInfo, Submitted } from './jobs-client.js';
import { interruptOnSigint, waitForJob } from './job-wait.js';

/** The one positional argument of `jobs show ID` / `jobs cancel ID` / `jobs result ID`. */
export function jobIdArgument(positionals: readonly string[]): string {
  if (positionals.length !== 1) throw new UsageError('give exactly one job id');
  return positionals[0];
}

export function optIdempotencyKey(values: OptionValues): string | undefined {
  const key = optString(values, 'idempotency-key');
  if (key !== undefined && key.length > 255) {
    throw new UsageError('--idempotency-key has at most 255 characters');
  }
  return key;
}

/** `freshcast jobs show ID`, with `--server URL` when it was given (never the API key). */
export function showCommandFor(id: string, values: OptionValues): string {
  const server = optString(values, 'server');
  return `freshcast jobs show ${id}${server === undefined ? '' : ` --server ${server}`}`;
}

/** Says what was queued (stderr) and prints the job id alone on stdout, for scripts. */
export function announceSubmitted(
  io: CliIo,
  what: string,
  submitted: Submitted,
  where: string,
): void {
  io.err(
    submitted.deduplicated
      ? `${what} job ${submitted.id} already exists (same idempotency key): nothing new queued\n`
      : `queued ${what} job ${submitted.id} (${where})\n`,
  );
  io.out(`${submitted.id}\n`);
}

/** Exit code of a wait stopped by Ctrl-C (128 + SIGINT). */
export const INTERRUPTED_EXIT = 130;

/**
 * Waits for a job with a progress bar; Ctrl-C only stops waiting. Returns the completed job, or
 * null when the wait was interrupted (said on stderr). Failed or cancelled → CommandError.
 */
export async function waitUntilDone(
  io: CliIo,
  id: string,
  label: string,
  fetchJob: () => Promise<JobInfo>,
  followWith: string,
): Promise<JobInfo | null> {
  const interrupt = interruptOnSigint();
  let outcome;
  try {
    outcome = await waitForJob(fetchJob, io, { label, signal: interrupt.signal });
  } finally {
    interrupt.dispose();
  }
  if (outcome.kind === 'stopped') {
    io.err(`\nstopped waiting; job ${id} goes on. Follow it with: ${followWith}\n`);
    return null;
  }
  const job = outcome.job;
  if (job.state === 'failed') {
    throw new CommandError(`job ${job.id} failed: ${job.error ?? 'no error recorded'}`);
  }
  if (job.state === 'cancelled') throw new CommandError(`job ${job.id} was cancelled`);
  return job;
}

/** Writes a batch result to `--out FILE` (said on stderr) or to stdout. */
export async function emitResult(
  io: CliIo,
  text: string,
  out: string | undefined,
): Promise<string> {
  if (out === undefined) {
    io.out(text);
    return 'stdout';
  }
  await writeOutputText(out, text);
  return out;
}
