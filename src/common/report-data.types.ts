/**
 * What a self-contained HTML report holds (JSON in a `report-data` script element): written by the
 * CLI (src/cli/html-report.ts), drawn by the report script (web/report/report.ts). DOM-free and
 * import-free, so both the server's and the web's tsconfig compile it.
 */

/** One day of an item's history. */
export interface ChartDay {
  date: string;
  value: number | null;
  posted_actual?: number;
  holiday: boolean;
}

/** One forecast day: P10/P50/P90. */
export interface ChartQuantiles {
  date: string;
  p10: number;
  p50: number;
  p90: number;
  holiday?: boolean;
}

export interface ReportData {
  title: string;
  subtitle: string;
  generated_at: string;
  leaderboard: {
    name: string;
    wape: number;
    baseline: boolean;
    mase: number | null;
    bias: number | null;
    coverage: number | null;
  }[];
  /** Error statistics per horizon step, one chart each. */
  horizons: {
    metric: string;
    steps: number[];
    lines: { label: string; values: (number | null)[] }[];
  }[];
  items: {
    item_code: string;
    title: string;
    unit: string;
    days: ChartDay[];
    forecast: ChartQuantiles[];
    past: ChartQuantiles[];
  }[];
}
