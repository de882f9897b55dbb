/**
 * Numbers a person reads: API answers, CSV exports and CLI output round at the edge, so that a
 * float32 value such as 1.1200000047683716 is written 1.12. Everything inside (the forecast cache,
 * the registry, metrics, the forecast log) keeps full precision.
 *
 * - kilograms (demand, `quantity`, order sizes): 3 decimals, a gram;
 * - money (`price`, `wholesale`, RMB/kg costs and margins): 4 decimals, a hundredth of a fen, so
 *   that sums and ratios of a few rounded prices still agree with the prices to the fen;
 * - shares and error metrics (WAPE, coverage, loss rate): 4 decimals.
 *
 * Each is one multiply, one Math.round and one divide: no allocation on the hot path.
 */
export const KG_DECIMALS = 3;
export const MONEY_DECIMALS = 4;
export const SHARE_DECIMALS = 4;

export function roundKg(x: number): number {
  return Math.round(x * 1e3) / 1e3;
}

export function roundMoney(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export function roundShare(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** What a forecast target is measured in. */
export type WireTarget = 'quantity' | 'price' | 'wholesale';

/** The rounding of a target's values: kg for `quantity`, money for `price` and `wholesale`. */
export function roundFor(target: WireTarget): (x: number) => number {
  return target === 'quantity' ? roundKg : roundMoney;
}
