import { rmSync } from 'node:fs';

/**
 * Temporary files and folders a command is writing (`.out.csv.<pid>.partial`, a generator's temp
 * folder), removed when Ctrl-C (SIGINT) or SIGTERM stops the process, so an interrupted command
 * leaves nothing half-written behind. A handler is installed only while something is registered:
 * otherwise signals keep their default action. After cleaning up, the signal is raised again with
 * its default action, so the exit status stays 128 + signal.
 */
const pending = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Removes one registered path. Work the interrupted command had already handed to the thread pool
 * (a write stream opening its next file) can land in a folder while it is being removed, which
 * fails the final rmdir with ENOTEMPTY: retried a few times, and a path that still cannot be
 * removed is reported instead of thrown, so the signal is always raised again.
 */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    process.stderr.write(`freshcast: could not remove ${path} after an interrupt: ${reason}\n`);
  }
}

function onSignal(signal: NodeJS.Signals): void {
  for (const path of pending) removeQuietly(path);
  pending.clear();
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  for (const s of SIGNALS) process.off(s, onSignal);
}

/** Removes `path` if the process is interrupted before the returned release function is called. */
export function removeOnInterrupt(path: string): () => void {
  if (pending.size === 0) install();
  pending.add(path);
  return () => {
    if (pending.delete(path) && pending.size === 0) uninstall();
  };
}
