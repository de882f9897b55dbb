/** Past a job's budget by this share (plus a minute), its work is stopped at its next step. */
const OVERRUN_SHARE = 0.25;
const OVERRUN_GRACE_SEC = 60;

/**
 * The backstop of a job with a budget of `budgetSec` seconds: aborts once the work is past it by a
 * quarter plus a minute. In whole milliseconds: AbortSignal.timeout throws on a fractional delay, which
 * failed a tune with `budget_s` 1.0000001 (or a train with such a budget) before it did any work.
 */
export function budgetOverrunSignal(budgetSec: number): AbortSignal {
  return AbortSignal.timeout(
    Math.ceil((budgetSec * (1 + OVERRUN_SHARE) + OVERRUN_GRACE_SEC) * 1000),
  );
}
