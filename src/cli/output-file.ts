import { createWriteStream, lstatSync, realpathSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CommandError } from './cli.errors.js';
import { removeOnInterrupt } from './interrupt-cleanup.js';
import { errorMessage } from '../common/errors/error-message.js';

/**
 * The regular file a write to `out` replaces: `out` itself, or the file a symbolic link points to
 * (the link is kept). Undefined when `out` exists but is no regular file (`/dev/null`, `/dev/stdout`,
 * a FIFO): that is written in place, as a shell redirection would; renaming a temporary file over it
 * would swap a device node for a plain file (as root) or fail (no write access to /dev).
 */
export function replacedFile(out: string): string | undefined {
  let target;
  try {
    target = statSync(out);
  } catch {
    return out; // a new file (or a dangling link, replaced)
  }
  if (!target.isFile()) return undefined;
  return lstatSync(out).isSymbolicLink() ? realpathSync(out) : out;
}

async function writeInPlace<T>(out: string, write: (sink: Writable) => Promise<T>): Promise<T> {
  const sink = createWriteStream(out);
  try {
    return await write(sink);
  } finally {
    sink.destroy();
  }
}

/**
 * Writes a command's output file through `write`, which must end the stream it gets. A regular file
 * is written to a temporary file next to it, renamed over it at the end: a failed write (disk full)
 * or an interrupted one (Ctrl-C) leaves the previous file, or none, never a truncated one. Errors
 * become a CommandError naming the file (one line, exit 1). The folder must exist.
 */
export async function writeOutputFile<T>(
  out: string,
  write: (sink: Writable) => Promise<T>,
): Promise<T> {
  try {
    const file = replacedFile(out);
    if (file === undefined) return await writeInPlace(out, write);
    const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
    const release = removeOnInterrupt(partial);
    try {
      const result = await writeInPlace(partial, write);
      await rename(partial, file);
      return result;
    } finally {
      await rm(partial, { force: true }).catch(() => undefined);
      release();
    }
  } catch (err) {
    if (err instanceof CommandError) throw err;
    throw new CommandError(`cannot write ${out}: ${errorMessage(err)}`);
  }
}

/** Writes `text` to an output file as writeOutputFile does (never a truncated file). */
export function writeOutputText(out: string, text: string): Promise<void> {
  return writeOutputFile(out, (sink) => pipeline(Readable.from([text]), sink));
}
