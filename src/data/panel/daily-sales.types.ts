import type { SalesColumns } from '../annex.types.js';

/**
 * Sales lines summed per item × day, dense and row-major by series like the panel
 * (cell `s * days + t`). Sums are float64 in line order, so every engine gives the same bits.
 */
export interface DailySalesCells {
  /** Σ qty over all lines (returns are negative lines): net kg. */
  netKg: Float64Array;
  /** Σ qty × unit price over all lines. */
  revenue: Float64Array;
  /** Σ qty over sale lines. */
  soldKg: Float64Array;
  /** Σ qty × unit price over sale lines. */
  soldRevenue: Float64Array;
  /** Σ qty over discounted sale lines. */
  discountKg: Float64Array;
  /** Σ |qty| over return lines. */
  returnKg: Float64Array;
  /** Number of lines (sales and returns). */
  lines: Uint32Array;
}

/**
 * Aggregates sales lines onto the panel axes. Lines whose item or date is not on the axes, or whose
 * quantity or unit price is not a finite number, are skipped.
 */
export type SalesAggregator = (
  sales: SalesColumns,
  seriesIndex: ReadonlyMap<string, number>,
  dayIndex: ReadonlyMap<string, number>,
  days: number,
) => DailySalesCells;

export function emptyDailySalesCells(cells: number): DailySalesCells {
  return {
    netKg: new Float64Array(cells),
    revenue: new Float64Array(cells),
    soldKg: new Float64Array(cells),
    soldRevenue: new Float64Array(cells),
    discountKg: new Float64Array(cells),
    returnKg: new Float64Array(cells),
    lines: new Uint32Array(cells),
  };
}
