import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

/** What `ThrottlerStorage.increment` answers (the guard sets the headers and the 429 from it). */
export interface RateLimitRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

interface WindowRecord {
  hits: number;
  /** End of the current window (ms epoch). */
  expiresAt: number;
  /** Blocked until then (ms epoch; 0 when not blocked). */
  blockedUntil: number;
}

const SWEEP_INTERVAL_MS = 60_000;
/** Storage key of the budget shared by new clients while the table is full. */
export const OVERFLOW_KEY = '(overflow)';

/**
 * In-memory rate-limit storage with a fixed window per client: O(1) per request (a map lookup and a
 * counter), where the throttler's default storage keeps one timestamp per request in the window and
 * filters them all on every request (with a large budget, it slows down as the window fills). A
 * client over `limit` hits in its window is blocked for `blockDuration` (the window length by
 * default): `Retry-After` is the time left. Idle clients are swept once a minute. At most
 * `maxRecords` clients are tracked: when the table is full (after dropping the expired ones), new
 * clients share one budget until room frees up, so a flood of addresses costs bounded memory and
 * never an unlimited budget.
 */
export class FixedWindowRateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly records = new Map<string, WindowRecord>();
  private sweeper: NodeJS.Timeout | undefined;
  private lastFullSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxRecords = 50_000,
  ) {}

  /** Clients with a record (for tests and introspection). */
  get size(): number {
    return this.records.size;
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName: string,
  ): Promise<RateLimitRecord> {
    const now = this.now();
    const tracked = this.trackedKey(key, now);
    let r = this.records.get(tracked);
    if (r === undefined) {
      r = { hits: 0, expiresAt: now + ttl, blockedUntil: 0 };
      this.records.set(tracked, r);
      this.sweeper ??= setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
    }
    if (r.blockedUntil > now)
      return Promise.resolve({
        totalHits: r.hits,
        timeToExpire: seconds(r.expiresAt - now),
        isBlocked: true,
        timeToBlockExpire: seconds(r.blockedUntil - now),
      });
    if (r.expiresAt <= now) {
      r.hits = 0;
      r.expiresAt = now + ttl;
      r.blockedUntil = 0;
    }
    r.hits++;
    const isBlocked = r.hits > limit;
    if (isBlocked) r.blockedUntil = now + (blockDuration > 0 ? blockDuration : ttl);
    return Promise.resolve({
      totalHits: r.hits,
      timeToExpire: seconds(r.expiresAt - now),
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds(r.blockedUntil - now) : 0,
    });
  }

  /** `key`, or the shared overflow key when `key` is new and the table is full. */
  private trackedKey(key: string, now: number): string {
    if (this.records.size < this.maxRecords || this.records.has(key)) return key;
    // Full: drop expired records, at most once a second (a sweep walks the whole table).
    if (now - this.lastFullSweep >= 1000) {
      this.lastFullSweep = now;
      this.sweep(now);
    }
    return this.records.size < this.maxRecords ? key : OVERFLOW_KEY;
  }

  /** Drops the records of clients whose window and block are over. */
  sweep(now = this.now()): void {
    for (const [key, r] of this.records)
      if (r.expiresAt <= now && r.blockedUntil <= now) this.records.delete(key);
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.records.clear();
  }
}

function seconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}
