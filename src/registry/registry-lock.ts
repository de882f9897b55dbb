import type { Target } from '../data/series-panel.js';

/** Held while a change to one target's state is made. */
export interface LockGuard {
  /** Throws RegistryError CONFLICT when the lock was lost (expired) before the state is written. */
  assertHeld(): Promise<void>;
}

/**
 * Serialises changes to a target's stages and aliases. In one process an in-process mutex suffices;
 * across processes the Redis implementation adds a `SET NX PX` lock.
 */
export interface RegistryLock {
  withLock<T>(target: Target, fn: (guard: LockGuard) => Promise<T>): Promise<T>;
}

/** A promise-chain mutex per key: callers run one at a time, in arrival order. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

const HELD: LockGuard = { assertHeld: () => Promise.resolve() };

/**
 * One writer process: changes of a target are serialised inside this process only.
 * - Disk without Redis: run one process that changes the registry (API or CLI, not both at once);
 *   other replicas may read and poll. Two writers could both read state.json version n and write
 *   n + 1: each file write is atomic (temp + rename), so the state always names exactly one prod,
 *   but one of the two changes is lost (its history entry remains, so the loss shows in history).
 * - S3 without Redis: the same (PutObject is atomic, last writer wins). Configure Redis
 *   (`queue.redisUrl`) as soon as more than one process may promote, roll back, alias or delete.
 */
export class InProcessRegistryLock implements RegistryLock {
  private readonly mutex = new KeyedMutex();

  withLock<T>(target: Target, fn: (guard: LockGuard) => Promise<T>): Promise<T> {
    return this.mutex.run(target, () => fn(HELD));
  }
}
