import type { BacktestMetrics } from '../../../src/registry/model-manifest.schema.js';
import { allGatesPassed, evaluatePromotionGates } from '../../../src/registry/promotion-gates.js';
import {
  DEFAULT_PROMOTION_GATES,
  promotionGatesConfigSchema,
} from '../../../src/config/promotion-gates.config.js';
import { registryConfigSchema } from '../../../src/config/registry.config.js';

const metrics = (
  wape: number,
  coverage = 0.8,
  seasonalNaive = 0.5,
  windows = 4,
): BacktestMetrics => ({
  wape,
  coverage_p10_p90: coverage,
  seasonal_naive_wape: seasonalNaive,
  protocol: { horizon: 28, windows, step: 28 },
});
const cand = (m: BacktestMetrics | null) => ({ id: 'cand', backtest: m });
const prod = (m: BacktestMetrics | null) => ({ id: 'prod', backtest: m });
const byGate = (results: ReturnType<typeof evaluatePromotionGates>) =>
  Object.fromEntries(results.map((r) => [r.gate, r.passed]));

describe('promotion gates', () => {
  const config = DEFAULT_PROMOTION_GATES;

  it('has the documented defaults', () => {
    expect(config).toEqual({
      minImprovement: 0.02,
      coverageBand: [0.7, 0.9],
      mustBeatSeasonalNaive: true,
    });
  });

  it('passes a good first model (no prod to beat)', () => {
    const r = evaluatePromotionGates(cand(metrics(0.3)), null, config);
    expect(byGate(r)).toEqual({
      min_improvement: true,
      coverage_band: true,
      beats_seasonal_naive: true,
    });
    expect(allGatesPassed(r)).toBe(true);
  });

  it('needs the relative margin over prod: 2 % better passes, 1 % better fails', () => {
    expect(
      byGate(evaluatePromotionGates(cand(metrics(0.294)), prod(metrics(0.3)), config))
        .min_improvement,
    ).toBe(true);
    const r = evaluatePromotionGates(cand(metrics(0.297)), prod(metrics(0.3)), config);
    expect(byGate(r).min_improvement).toBe(false);
    expect(r.find((g) => g.gate === 'min_improvement')).toMatchObject({
      candidate: 0.297,
      reference: 0.3,
    });
    expect(allGatesPassed(r)).toBe(false);
  });

  it('compares WAPEs only when both backtests ran on the same data (fingerprint)', () => {
    const on = (id: string, m: BacktestMetrics, data: string) => ({
      id,
      backtest: m,
      dataFingerprint: data,
    });
    const r = evaluatePromotionGates(
      on('cand', metrics(0.1), 'sha256:new'),
      on('prod', metrics(0.3), 'sha256:old'),
      config,
    );
    expect(byGate(r)).toEqual({
      same_data: false,
      coverage_band: true,
      beats_seasonal_naive: true,
    });
    expect(r.find((g) => g.gate === 'same_data')?.detail).toMatch(/sha256:new.*sha256:old/);
    expect(allGatesPassed(r)).toBe(false);
    const same = evaluatePromotionGates(
      on('cand', metrics(0.1), 'sha256:same'),
      on('prod', metrics(0.3), 'sha256:same'),
      config,
    );
    expect(allGatesPassed(same)).toBe(true);
  });

  it('checks the coverage band inclusively', () => {
    expect(
      byGate(evaluatePromotionGates(cand(metrics(0.3, 0.7)), null, config)).coverage_band,
    ).toBe(true);
    expect(
      byGate(evaluatePromotionGates(cand(metrics(0.3, 0.9)), null, config)).coverage_band,
    ).toBe(true);
    expect(
      byGate(evaluatePromotionGates(cand(metrics(0.3, 0.69)), null, config)).coverage_band,
    ).toBe(false);
    expect(
      byGate(evaluatePromotionGates(cand(metrics(0.3, 0.91)), null, config)).coverage_band,
    ).toBe(false);
  });

  it('requires beating seasonal naive unless disabled', () => {
    expect(
      byGate(evaluatePromotionGates(cand(metrics(0.5, 0.8, 0.5)), null, config))
        .beats_seasonal_naive,
    ).toBe(false);
    const off = { ...config, mustBeatSeasonalNaive: false };
    expect(
      evaluatePromotionGates(cand(metrics(0.5, 0.8, 0.5)), null, off).map((g) => g.gate),
    ).not.toContain('beats_seasonal_naive');
  });

  it('fails when metrics are missing or protocols differ', () => {
    expect(byGate(evaluatePromotionGates(cand(null), null, config))).toEqual({ backtest: false });
    expect(
      byGate(evaluatePromotionGates(cand(metrics(0.1)), prod(null), config)).min_improvement,
    ).toBe(false);
    const r = evaluatePromotionGates(cand(metrics(0.1, 0.8, 0.5, 8)), prod(metrics(0.3)), config);
    expect(byGate(r).same_protocol).toBe(false);
  });

  it('parses config from YAML/env values, with defaults', () => {
    expect(
      promotionGatesConfigSchema.parse({ minImprovement: '0.05', mustBeatSeasonalNaive: 'false' }),
    ).toEqual({
      minImprovement: 0.05,
      coverageBand: [0.7, 0.9],
      mustBeatSeasonalNaive: false,
    });
    expect(() => promotionGatesConfigSchema.parse({ coverageBand: [0.9, 0.7] })).toThrow(
      /low <= high/,
    );
    expect(() => promotionGatesConfigSchema.parse({ minImprovement: 2 })).toThrow();
    expect(registryConfigSchema.parse(undefined)).toEqual({
      gates: { minImprovement: 0.02, coverageBand: [0.7, 0.9], mustBeatSeasonalNaive: true },
      pollIntervalSec: 10,
      lockTtlMs: 30000,
      lockWaitMs: 10000,
      namespace: '',
    });
  });
});
