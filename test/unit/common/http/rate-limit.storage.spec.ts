import { FixedWindowRateLimitStorage } from '../../../../src/common/http/rate-limit.storage.js';

describe('FixedWindowRateLimitStorage', () => {
  let now = 1_000_000;
  const clock = (): number => now;

  it('counts hits per key in a window, blocks over the limit, and opens a new window after', async () => {
    const s = new FixedWindowRateLimitStorage(clock);
    for (let i = 1; i <= 3; i++)
      expect(await s.increment('a', 60_000, 3, 60_000, 'default')).toEqual({
        totalHits: i,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    expect(await s.increment('b', 60_000, 3, 60_000, 'default')).toMatchObject({ totalHits: 1 });
    now += 10_000;
    expect(await s.increment('a', 60_000, 3, 60_000, 'default')).toEqual({
      totalHits: 4,
      timeToExpire: 50,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    now += 30_000;
    expect(await s.increment('a', 60_000, 3, 60_000, 'default')).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 30,
    });
    now += 30_000;
    expect(await s.increment('a', 60_000, 3, 60_000, 'default')).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    s.onApplicationShutdown();
  });

  it('sweeps clients whose window and block are over', async () => {
    const s = new FixedWindowRateLimitStorage(clock);
    await s.increment('a', 1_000, 5, 1_000, 'default');
    await s.increment('b', 120_000, 5, 1_000, 'default');
    now += 5_000;
    s.sweep();
    expect(s.size).toBe(1);
    s.onApplicationShutdown();
    expect(s.size).toBe(0);
  });

  it('holds at most maxRecords clients: new ones then share one budget until room frees up', async () => {
    const s = new FixedWindowRateLimitStorage(clock, 100);
    for (let i = 0; i < 5_000; i++) await s.increment(`ip:${i}`, 60_000, 2, 60_000, 'default');
    expect(s.size).toBeLessThanOrEqual(101);
    // The shared budget is spent: a new client is refused, a tracked one keeps its own budget.
    expect(await s.increment('ip:new', 60_000, 2, 60_000, 'default')).toMatchObject({
      isBlocked: true,
    });
    expect(await s.increment('ip:0', 60_000, 2, 60_000, 'default')).toMatchObject({
      totalHits: 2,
      isBlocked: false,
    });
    now += 61_000;
    expect(await s.increment('ip:new', 60_000, 2, 60_000, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
    expect(s.size).toBeLessThanOrEqual(101);
    s.onApplicationShutdown();
  });
});
