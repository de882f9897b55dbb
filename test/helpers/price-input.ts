/** A unit_cost or unit_price input of one item's POST /replenishment advice. */
export interface PriceInput {
  value: number;
  date: string;
  source: string;
  model_version?: string;
}

/** Expects `input` to be the last observed price: its date on or before the data's `lastDate`. */
export function expectLastObserved(input: PriceInput, lastDate: string): void {
  expect(input.source).toBe('last_observed');
  expect(input.date <= lastDate).toBe(true);
}
