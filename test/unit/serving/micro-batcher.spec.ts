import { MicroBatcher } from '../../../src/serving/micro-batcher.js';
import { canaryBucket, routesToCanary } from '../../../src/serving/canary-router.js';

describe('MicroBatcher', () => {
  it('groups concurrent submissions into one call and returns each caller its own result', async () => {
    const calls: number[][] = [];
    const b = new MicroBatcher<number, number>(
      async (xs) => {
        calls.push(xs);
        return xs.map((x) => ({ ok: true as const, value: x * 2 }));
      },
      8,
      5,
    );
    const results = await Promise.all([1, 2, 3, 4, 5].map((x) => b.submit(x)));
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(calls).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('splits at maxBatch', async () => {
    const sizes: number[] = [];
    const b = new MicroBatcher<number, number>(
      async (xs) => {
        sizes.push(xs.length);
        return xs.map((x) => ({ ok: true as const, value: x }));
      },
      4,
      50,
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => b.submit(i)));
    expect(sizes).toEqual([4, 4, 2]);
    expect(b.batches).toBe(3);
  });

  it('fails only the item that failed, and all items when the call throws', async () => {
    const b = new MicroBatcher<number, number>(async (xs) =>
      xs.map((x) =>
        x < 0
          ? { ok: false as const, error: new Error(`bad ${x}`) }
          : { ok: true as const, value: x },
      ),
    );
    const settled = await Promise.allSettled([b.submit(1), b.submit(-1), b.submit(2)]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const boom = new MicroBatcher<number, number>(() => Promise.reject(new Error('down')));
    await expect(boom.submit(1)).rejects.toThrow('down');
    boom.close();
    await expect(boom.submit(1)).rejects.toThrow('closed');
  });
});

describe('canary routing', () => {
  it('is sticky per item and close to the requested share over many items', () => {
    const items = Array.from({ length: 5000 }, (_, i) => `10290000${String(i).padStart(7, '0')}`);
    const share = items.filter((it) => routesToCanary('cand-1', it, 0.2)).length / items.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.22);
    for (const it of items.slice(0, 50))
      expect(routesToCanary('cand-1', it, 0.2)).toBe(routesToCanary('cand-1', it, 0.2));
    expect(routesToCanary('c', 'x', 0)).toBe(false);
    expect(routesToCanary('c', 'x', 1)).toBe(true);
    expect(canaryBucket('a', 'x')).not.toBe(canaryBucket('b', 'x'));
  });
});
