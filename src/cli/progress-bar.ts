import type { CliIo } from './cli-io.js';

/**
 * A progress bar on stderr when attached to a terminal; otherwise one plain line per step
 * (at most every `plainEveryMs`) so logs stay readable.
 */
export class ProgressBar {
  private lastPlain = 0;
  private readonly started = Date.now();
  private lastLen = 0;

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
    private readonly total: number,
    private readonly plainEveryMs = 2000,
  ) {}

  update(done: number, detail = ''): void {
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = frac > 0 && frac < 1 ? (elapsed / frac) * (1 - frac) : 0;
    const tail = `${done}/${this.total}${detail ? ` ${detail}` : ''}${eta > 0 ? ` ETA ${formatSeconds(eta)}` : ''}`;
    if (this.io.interactive) {
      const width = 24;
      const filled = Math.round(frac * width);
      const line = `\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${tail}`;
      this.io.err(line.padEnd(this.lastLen));
      this.lastLen = line.length;
    } else {
      const now = Date.now();
      if (now - this.lastPlain >= this.plainEveryMs || done >= this.total) {
        this.io.err(`${this.label}: ${tail}\n`);
        this.lastPlain = now;
      }
    }
  }

  done(detail = ''): void {
    const secs = formatSeconds((Date.now() - this.started) / 1000);
    if (this.io.interactive)
      this.io.err(
        `\r${this.label}: done in ${secs}${detail ? ` ${detail}` : ''}`.padEnd(this.lastLen) + '\n',
      );
    else this.io.err(`${this.label}: done in ${secs}${detail ? ` ${detail}` : ''}\n`);
  }
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)
    .toString()
    .padStart(2, '0')}s`;
}
