/** Small seeded PRNG (mulberry32): reproducible shuffles and seeds without touching tfjs's global state. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place with the given uniform [0, 1) source. */
export function shuffleInPlace(xs: Int32Array, random: () => number): Int32Array {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = xs[i];
    xs[i] = xs[j];
    xs[j] = tmp;
  }
  return xs;
}

/** Distinct, deterministic seeds for the layers of one network: `next()` per initializer. */
export class SeedSequence {
  private k = 0;
  constructor(private readonly base: number) {}
  next(): number {
    this.k += 1;
    return (this.base * 1000 + this.k * 7919) % 2147483647;
  }
}
