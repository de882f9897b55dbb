import { adviseOrder } from '../../../src/serving/replenishment.js';
import { normalQuantile, quantileAt } from '../../../src/serving/quantile-function.js';

describe('quantile function from P10/P50/P90', () => {
  const q = { p10: 6, p50: 10, p90: 16 };

  it('passes through the three quantiles and interpolates linearly between them', () => {
    expect(quantileAt(q, 0.1)).toBeCloseTo(6, 9);
    expect(quantileAt(q, 0.5)).toBeCloseTo(10, 9);
    expect(quantileAt(q, 0.9)).toBeCloseTo(16, 9);
    expect(quantileAt(q, 0.3)).toBeCloseTo(8, 9);
    expect(quantileAt(q, 0.7)).toBeCloseTo(13, 9);
  });

  it('extends the tails like a normal and never goes below zero', () => {
    // P95 = 10 + 6 · z(0.95)/z(0.9) = 10 + 6 · 1.6449/1.2816
    expect(quantileAt(q, 0.95)).toBeCloseTo(10 + (6 * 1.6448536) / 1.2815516, 4);
    expect(quantileAt({ p10: 0, p50: 1, p90: 3 }, 0.01)).toBe(0);
  });

  it('has an accurate normal quantile', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('newsvendor order with spoilage', () => {
  it('with 0 % loss: CR = 1 − c/p, order = demand quantile at CR', () => {
    // c = 4, p = 10 → CR = 0.6 → between P50 and P90: 10 + (0.1/0.4)·6 = 11.5
    const a = adviseOrder({
      demand: { p10: 6, p50: 10, p90: 16 },
      lossRate: 0,
      unitCost: 4,
      unitPrice: 10,
    });
    expect(a.criticalRatio).toBeCloseTo(0.6, 6);
    expect(a.sellableKg).toBeCloseTo(11.5, 3);
    expect(a.orderKg).toBeCloseTo(11.5, 3);
    expect(a.reasoning.join('\n')).toMatch(/critical ratio/);
  });

  it('with a high loss rate: dearer sellable kg lowers CR, then the order is grossed up', () => {
    // loss 0.2, c = 4 → cost per sellable kg 5; p = 10 → CR = 0.5 → sellable 10 → order 10/0.8 = 12.5
    const a = adviseOrder({
      demand: { p10: 6, p50: 10, p90: 16 },
      lossRate: 0.2,
      unitCost: 4,
      unitPrice: 10,
    });
    expect(a.costPerSellableKg).toBeCloseTo(5, 6);
    expect(a.criticalRatio).toBeCloseTo(0.5, 6);
    expect(a.sellableKg).toBeCloseTo(10, 3);
    expect(a.orderKg).toBeCloseTo(12.5, 3);
  });

  it('orders nothing when the price does not cover the spoilage-adjusted cost', () => {
    const a = adviseOrder({
      demand: { p10: 6, p50: 10, p90: 16 },
      lossRate: 0.5,
      unitCost: 6,
      unitPrice: 10,
    });
    expect(a.criticalRatio).toBeLessThanOrEqual(0);
    expect(a.orderKg).toBe(0);
    expect(a.reasoning.at(-1)).toMatch(/order 0 kg/);
  });

  it('orders nothing for zero demand', () => {
    const a = adviseOrder({
      demand: { p10: 0, p50: 0, p90: 0 },
      lossRate: 0.1,
      unitCost: 2,
      unitPrice: 5,
    });
    expect(a.orderKg).toBe(0);
  });

  it('uses a requested service level instead of the critical ratio', () => {
    const a = adviseOrder({
      demand: { p10: 6, p50: 10, p90: 16 },
      lossRate: 0,
      unitCost: 4,
      unitPrice: 10,
      serviceLevel: 0.9,
    });
    expect(a.quantileLevel).toBe(0.9);
    expect(a.orderKg).toBeCloseTo(16, 3);
  });

  it.each([
    // c = 4, p = 10 → CR = 0.6.
    [{ unitCost: 4 }, 'stock for the 60th percentile of demand: 11.5 sellable kg'],
    // c = 4.38, p = 10 → CR = 0.562: not a whole percentile.
    [{ unitCost: 4.38 }, 'stock for the 56.2 % quantile of demand: 10.93 sellable kg'],
    [
      { unitCost: 4, serviceLevel: 0.21 },
      'stock for the 21st percentile of demand: 7.1 sellable kg',
    ],
    [
      { unitCost: 4, serviceLevel: 0.12 },
      'stock for the 12th percentile of demand: 6.2 sellable kg',
    ],
  ])('names the level it stocks for in words (%o)', (levers, line) => {
    const a = adviseOrder({
      demand: { p10: 6, p50: 10, p90: 16 },
      lossRate: 0,
      unitPrice: 10,
      ...levers,
    });
    expect(a.reasoning).toContain(line);
  });

  it('rejects impossible inputs', () => {
    expect(() =>
      adviseOrder({ demand: { p10: 1, p50: 2, p90: 3 }, lossRate: 1, unitCost: 1, unitPrice: 2 }),
    ).toThrow(RangeError);
    expect(() =>
      adviseOrder({ demand: { p10: 1, p50: 2, p90: 3 }, lossRate: 0, unitCost: 1, unitPrice: 0 }),
    ).toThrow(RangeError);
  });
});
