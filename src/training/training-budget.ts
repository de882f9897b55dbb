/** Share of a training budget the fits may use; the rest covers predicting, scoring and saving. */
export const FIT_SHARE = 0.8;

/** The training ran out of its budget before its final fit: a clean failure, never a hang. */
export class TrainingBudgetError extends Error {
  constructor(
    readonly budgetSec: number,
    readonly usedSec: number,
  ) {
    super(
      `training budget of ${budgetSec} s spent (${usedSec.toFixed(1)} s used) before the final fit; give a larger budget or fewer backtest windows`,
    );
    this.name = 'TrainingBudgetError';
  }
}

/**
 * The time budgets of one training's fits: `backtestFit` for each of the backtest's `fits` fits (an
 * equal share of FIT_SHARE of the budget, with the final fit counted), then `finalFit()` for the
 * last fit from what is left. `cap` (a requested per-fit budget) bounds both.
 */
export class TrainingBudget {
  private readonly started: number;

  constructor(
    readonly budgetSec: number,
    private readonly backtestFits: number,
    private readonly now: () => number,
    private readonly cap: number | undefined,
  ) {
    this.started = now();
  }

  get backtestFit(): number {
    return this.capped((this.budgetSec * FIT_SHARE) / (this.backtestFits + 1));
  }

  usedSec(): number {
    return (this.now() - this.started) / 1000;
  }

  /** The final fit's budget: FIT_SHARE of what is left (throws when nothing is). */
  finalFit(): number {
    const left = this.budgetSec - this.usedSec();
    if (left <= 0) throw new TrainingBudgetError(this.budgetSec, this.usedSec());
    return this.capped(left * FIT_SHARE);
  }

  private capped(sec: number): number {
    return this.cap === undefined ? sec : Math.min(this.cap, sec);
  }
}
