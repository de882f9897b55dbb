import { roundKg, roundMoney, roundShare } from '../common/wire-numbers.js';
import { percentileWording } from './percentile-wording.js';
import { quantileAt, type ThreeQuantiles } from './quantile-function.js';

/**
 * Newsvendor order for one perishable item and one day, adjusted for spoilage.
 *
 * Buying q kg yields q·(1 − loss) sellable kg (the loss rate is the share of purchased kg that spoils
 * or is damaged). Each sellable kg therefore costs c / (1 − loss). Unsold produce does not keep:
 *   underage cost per sellable kg  Cu = p − c / (1 − loss)   (margin lost on a missed sale)
 *   overage cost per sellable kg   Co = c / (1 − loss)       (what an unsold kg cost)
 *   critical ratio CR = Cu / (Cu + Co) = 1 − c / (p · (1 − loss))
 * Sellable target S = F⁻¹(CR) of the demand distribution (from P10/P50/P90), order = S / (1 − loss).
 * A service level given by the user replaces CR. When selling does not cover the spoilage-adjusted
 * cost (CR ≤ 0) the advice is not to order, unless a service level forces one.
 */
export interface ReplenishmentInput {
  demand: ThreeQuantiles;
  /** Share of purchased kg lost, 0 ≤ loss < 1 (annex4 percent / 100). */
  lossRate: number;
  /** Expected wholesale cost, RMB/kg purchased. */
  unitCost: number;
  /** Expected selling price, RMB/kg sold. */
  unitPrice: number;
  /** Optional target probability of not running out (0 < s < 1), replacing the critical ratio. */
  serviceLevel?: number;
}

/** Rounded for people (src/common/wire-numbers.ts): kg to 3 decimals, RMB to 4, ratios to 4. */
export interface ReplenishmentAdvice {
  orderKg: number;
  sellableKg: number;
  /** The probability level used to read the demand distribution. */
  quantileLevel: number;
  criticalRatio: number;
  costPerSellableKg: number;
  underageCost: number;
  overageCost: number;
  expectedMarginPerKg: number;
  reasoning: string[];
}

const MIN_LEVEL = 0.01;
const MAX_LEVEL = 0.99;

/** Figures in the reasoning text, 3 decimals (or `digits`). */
function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function adviseOrder(input: ReplenishmentInput): ReplenishmentAdvice {
  const { demand, lossRate, unitCost, unitPrice, serviceLevel } = input;
  if (!(lossRate >= 0 && lossRate < 1))
    throw new RangeError(`loss rate must be in [0, 1), got ${lossRate}`);
  if (!(unitCost >= 0) || !(unitPrice > 0))
    throw new RangeError('unit cost must be ≥ 0 and unit price > 0');
  const keep = 1 - lossRate;
  const costPerSellable = unitCost / keep;
  const underage = unitPrice - costPerSellable;
  const overage = costPerSellable;
  const cr = underage / (underage + overage); // = 1 − costPerSellable / unitPrice
  const reasoning = [
    `demand P10/P50/P90 = ${round(demand.p10)}/${round(demand.p50)}/${round(demand.p90)} kg`,
    `loss rate ${round(lossRate * 100, 2)} %: each purchased kg yields ${round(keep)} sellable kg, so a sellable kg costs ${round(unitCost)} / ${round(keep)} = ${round(costPerSellable)} RMB`,
    `selling at ${round(unitPrice)} RMB/kg: a missed sale loses ${round(underage)} RMB/kg (underage), an unsold kg loses ${round(overage)} RMB (overage)`,
    `critical ratio = ${round(underage)} / (${round(underage)} + ${round(overage)}) = ${round(cr)}`,
  ];
  let level: number;
  if (serviceLevel !== undefined) {
    level = serviceLevel;
    reasoning.push(
      `service level ${round(serviceLevel)} requested: it replaces the critical ratio`,
    );
  } else if (cr <= 0) {
    reasoning.push(
      'selling price does not cover the spoilage-adjusted cost: ordering loses money, order 0 kg',
    );
    return {
      orderKg: 0,
      sellableKg: 0,
      quantileLevel: 0,
      criticalRatio: roundShare(cr),
      costPerSellableKg: roundMoney(costPerSellable),
      underageCost: roundMoney(underage),
      overageCost: roundMoney(overage),
      expectedMarginPerKg: roundMoney(underage),
      reasoning,
    };
  } else {
    level = cr;
  }
  const clamped = Math.min(MAX_LEVEL, Math.max(MIN_LEVEL, level));
  if (clamped !== level)
    reasoning.push(
      `level clamped to ${clamped} (the forecast's tails are extrapolated beyond P10/P90)`,
    );
  const sellable = quantileAt(demand, clamped);
  const order = sellable / keep;
  reasoning.push(
    `stock for ${percentileWording(clamped)} of demand: ${round(sellable)} sellable kg`,
    `order = ${round(sellable)} / ${round(keep)} = ${round(order)} kg`,
  );
  return {
    orderKg: roundKg(order),
    sellableKg: roundKg(sellable),
    quantileLevel: roundShare(clamped),
    criticalRatio: roundShare(cr),
    costPerSellableKg: roundMoney(costPerSellable),
    underageCost: roundMoney(underage),
    overageCost: roundMoney(overage),
    expectedMarginPerKg: roundMoney(underage),
    reasoning,
  };
}
