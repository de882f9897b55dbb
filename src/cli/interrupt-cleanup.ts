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

function onSignal(signal: NodeJS.Signals): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
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
