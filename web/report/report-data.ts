import type { ChartDay, ChartQuantiles } from '../shared/forecast-chart';

/** What a self-contained HTML report holds (JSON in a `report-data` script element). */
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
