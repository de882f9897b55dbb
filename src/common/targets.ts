/**
 * What freshcast forecasts: units sold, shelf price, wholesale price. Defined here, below the
 * config layer, because config sections validate target names; `src/data/series-panel.ts`
 * re-exports both for the code that works on panels.
 */
export type Target = 'quantity' | 'price' | 'wholesale';
export const TARGETS: readonly Target[] = ['quantity', 'price', 'wholesale'];
