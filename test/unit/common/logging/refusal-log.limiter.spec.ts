import { RefusalLogLimiter } from '../../../../src/common/logging/refusal-log.limiter.js';

describe('RefusalLogLimiter', () => {
  it('admits perSecond refusals a second and reports the left-out ones on the next line', () => {
    let now = 1_000_000;
    const limiter = new RefusalLogLimiter(3, () => now);
    expect([limiter.admit(), limiter.admit(), limiter.admit()]).toEqual([0, 0, 0]);
    expect([limiter.admit(), limiter.admit()]).toEqual([null, null]);
    now += 999;
    expect(limiter.admit()).toBeNull();
    now += 1;
    // A new second: the first line says that 3 refusals went without a line.
    expect(limiter.admit()).toBe(3);
    expect(limiter.admit()).toBe(0);
  });
});
