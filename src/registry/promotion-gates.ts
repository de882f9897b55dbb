import type { BacktestMetrics } from './model-manifest.schema.js';
import type { GateResult } from './registry-history.schema.js';
import type { PromotionGatesConfig } from '../config/promotion-gates.config.js';

export interface GateSubject {
  id: string;
  backtest: BacktestMetrics | null;
  /** Fingerprint of the data its backtest ran on (its training data); null when unknown. */
  dataFingerprint?: string | null;
}

const sameProtocol = (a: BacktestMetrics, b: BacktestMetrics): boolean =>
  a.protocol.horizon === b.protocol.horizon &&
  a.protocol.windows === b.protocol.windows &&
  a.protocol.step === b.protocol.step;

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(4));
const protocolText = (m: BacktestMetrics): string =>
  `horizon ${m.protocol.horizon}, ${m.protocol.windows} windows, step ${m.protocol.step}`;

function gate(
  name: string,
  passed: boolean,
  detail: string,
  candidate: number | null = null,
  reference: number | null = null,
  threshold: GateResult['threshold'] = null,
): GateResult {
  return { gate: name, passed, detail, candidate, reference, threshold };
}

/**
 * The prod gates for `candidate` against the current prod model (null when the target has none).
 * Pure: every gate is reported, passed or not; the candidate may enter prod when all passed.
 */
export function evaluatePromotionGates(
  candidate: GateSubject,
  prod: GateSubject | null,
  config: PromotionGatesConfig,
): GateResult[] {
  const cand = candidate.backtest;
  if (cand === null)
    return [gate('backtest', false, `${candidate.id} has no backtest metrics on record`)];
  const results: GateResult[] = [];

  if (prod === null) {
    results.push(gate('min_improvement', true, 'no prod model to beat'));
  } else if (prod.backtest === null) {
    results.push(
      gate('min_improvement', false, `prod ${prod.id} has no backtest metrics to compare with`),
    );
  } else if (!sameProtocol(cand, prod.backtest)) {
    results.push(
      gate(
        'same_protocol',
        false,
        `backtest protocols differ: candidate ${protocolText(cand)}, prod ${protocolText(prod.backtest)}`,
      ),
    );
  } else if (
    candidate.dataFingerprint != null &&
    prod.dataFingerprint != null &&
    candidate.dataFingerprint !== prod.dataFingerprint
  ) {
    // WAPEs measured on different data say nothing about which model is better.
    results.push(
      gate(
        'same_data',
        false,
        `backtests ran on different data: candidate ${candidate.dataFingerprint}, prod ` +
          `${prod.dataFingerprint}; their WAPEs (${fmt(cand.wape)} vs ${fmt(prod.backtest.wape)}) ` +
          'cannot be compared: retrain the prod kind on the current data too, or force with a reason',
        cand.wape,
        prod.backtest.wape,
      ),
    );
  } else {
    const threshold = prod.backtest.wape * (1 - config.minImprovement);
    const passed = cand.wape <= threshold;
    results.push(
      gate(
        'min_improvement',
        passed,
        `WAPE ${fmt(cand.wape)} vs prod ${fmt(prod.backtest.wape)}: needs <= ${fmt(threshold)} ` +
          `(${fmt(config.minImprovement * 100)} % better)`,
        cand.wape,
        prod.backtest.wape,
        threshold,
      ),
    );
  }

  const [low, high] = config.coverageBand;
  const coverage = cand.coverage_p10_p90;
  results.push(
    gate(
      'coverage_band',
      coverage >= low && coverage <= high,
      `P10–P90 coverage ${fmt(coverage)} must be within [${fmt(low)}, ${fmt(high)}]`,
      coverage,
      null,
      [low, high],
    ),
  );

  if (config.mustBeatSeasonalNaive) {
    results.push(
      gate(
        'beats_seasonal_naive',
        cand.wape < cand.seasonal_naive_wape,
        `WAPE ${fmt(cand.wape)} must be below seasonal naive ${fmt(cand.seasonal_naive_wape)}`,
        cand.wape,
        cand.seasonal_naive_wape,
        cand.seasonal_naive_wape,
      ),
    );
  }
  return results;
}

export const allGatesPassed = (results: readonly GateResult[]): boolean =>
  results.every((r) => r.passed);
