/**
 * Bounds the access lines of refused requests (429 Too Many Requests): a client past its rate budget
 * would otherwise make the server write one line per refusal (67,012 lines in 12 s from one client,
 * the logger then taking about a tenth of the CPU; docs/BENCHMARKS.md). At most `perSecond` such
 * lines a second across the process; the next line written says how many were left out meanwhile.
 */
export class RefusalLogLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private written = 0;
  private suppressed = 0;

  constructor(
    private readonly perSecond = 10,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Whether this refusal gets its line: `null` when it is left out, else the number of refusals
   * left out since the last line written (0 when none).
   */
  admit(): number | null {
    const t = this.now();
    if (t - this.windowStart >= 1000) {
      this.windowStart = t;
      this.written = 0;
    }
    if (this.written >= this.perSecond) {
      this.suppressed++;
      return null;
    }
    this.written++;
    const leftOut = this.suppressed;
    this.suppressed = 0;
    return leftOut;
  }
}
