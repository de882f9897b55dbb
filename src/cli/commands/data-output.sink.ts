import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { processIo, type CliIo } from '../cli-io.js';
import { CommandError } from '../cli.errors.js';
import { removeOnInterrupt } from '../interrupt-cleanup.js';
import { makeDirs } from '../../common/make-dirs.js';

/** `--out -`: results go to stdout. */
export const STDOUT_PATH = '-';

/** Where a CSV writer writes, and whether it must end the sink when done. */
export interface OutputTarget {
  sink: Writable;
  end: boolean;
}

function stdoutTarget(io: CliIo): OutputTarget {
  // The real stdout keeps backpressure (and must stay open); other ios (tests) collect text.
  if (io === processIo) return { sink: process.stdout, end: false };
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      io.out(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return { sink, end: true };
}

function message(err: unknown): string {
  return typeof err === 'object' && err !== null && 'message' in err
    ? String(err.message)
    : String(err);
}

/**
 * Writes a command's CSV result to `--out FILE` (folders created; written to a temporary file
 * renamed at the end, so a failed or interrupted run leaves no half file) or to stdout for `--out -`. A file that
 * cannot be written is a CommandError. Returns what `write` returned.
 */
export async function writeOutput<T>(
  out: string,
  io: CliIo,
  write: (target: OutputTarget) => Promise<T>,
): Promise<T> {
  if (out === STDOUT_PATH) return write(stdoutTarget(io));
  const partial = join(dirname(out), `.${basename(out)}.${process.pid}.partial`);
  const release = removeOnInterrupt(partial);
  let sink: Writable | undefined;
  try {
    await makeDirs(dirname(out));
    sink = createWriteStream(partial);
    const result = await write({ sink, end: true });
    await rename(partial, out);
    return result;
  } catch (err) {
    sink?.destroy();
    if (err instanceof CommandError) throw err;
    throw new CommandError(`cannot write ${out}: ${message(err)}`);
  } finally {
    await rm(partial, { force: true }).catch(() => undefined);
    release();
  }
}
