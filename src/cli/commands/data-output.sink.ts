import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import { processIo, type CliIo } from '../cli-io.js';
import { CommandError } from '../cli.errors.js';
import { writeOutputFile } from '../output-file.js';
import { makeDirs } from '../../common/make-dirs.js';
import { errorMessage } from '../../common/errors/error-message.js';

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

/**
 * Writes a command's CSV result to `--out FILE` (folders created; see writeOutputFile: a failed or
 * interrupted run leaves no half file, and `/dev/null` or a pipe is written in place) or to stdout for
 * `--out -`. A file that cannot be written is a CommandError. Returns what `write` returned.
 */
export async function writeOutput<T>(
  out: string,
  io: CliIo,
  write: (target: OutputTarget) => Promise<T>,
): Promise<T> {
  if (out === STDOUT_PATH) return write(stdoutTarget(io));
  await makeDirs(dirname(out)).catch((err: unknown) => {
    throw new CommandError(`cannot write ${out}: ${errorMessage(err)}`);
  });
  return writeOutputFile(out, (sink) => write({ sink, end: true }));
}
