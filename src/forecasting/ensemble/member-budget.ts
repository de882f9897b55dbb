/** Least share of an ensemble's fit budget its neural members keep, however long the others took. */
export const MIN_NEURAL_SHARE = 0.2;

/**
 * Seconds each neural member may train: what is left of the ensemble's `budgetSec` after its
 * statistical members took `spentSec` (they fit first), split equally, but never less than
 * MIN_NEURAL_SHARE of the budget in all (a soft floor: the job's own budget is the hard limit).
 */
export function neuralMemberBudget(budgetSec: number, spentSec: number, neural: number): number {
  const left = Math.max(budgetSec - spentSec, budgetSec * MIN_NEURAL_SHARE);
  return left / Math.max(1, neural);
}
