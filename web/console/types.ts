/** Shapes of the API answers the console reads (the fields it uses). */

export type Target = 'quantity' | 'price' | 'wholesale';
export const TARGETS: readonly Target[] = ['quantity', 'price', 'wholesale'];
export const TARGET_LABELS: Record<Target, string> = {
  quantity: 'Demand (kg)',
  price: 'Selling price (RMB/kg)',
  wholesale: 'Wholesale price (RMB/kg)',
};

export interface ItemSummary {
  item_code: string;
  name: string;
  category: string;
  loss_rate: number | null;
  first_sale_date: string | null;
  last_sale_date: string | null;
  days_sold: number;
  forecasts: Record<Target, boolean>;
}

export interface ItemsPage {
  items: ItemSummary[];
  total: number;
  next_offset: number | null;
  categories: string[];
}

export interface QuantilePoint {
  date: string;
  p10: number;
  p50: number;
  p90: number;
  holiday: boolean;
}

export interface ItemForecast {
  model_version: string;
  origin: string;
  points: QuantilePoint[];
}

export interface HistoryDay {
  date: string;
  value: number | null;
  posted_actual?: number;
  listed: boolean;
  holiday: boolean;
}

export interface ItemHistory {
  item_code: string;
  name: string;
  category: string;
  target: Target;
  unit: string;
  days: HistoryDay[];
  forecast: ItemForecast | null;
  past_forecasts: ItemForecast[];
}

export interface ReplenishmentItem {
  item_code: string;
  order_kg: number | null;
  inputs?: {
    demand_p10: number;
    demand_p50: number;
    demand_p90: number;
    loss_rate: number;
    unit_cost: { value: number; date: string };
    unit_price: { value: number; date: string };
  };
  advice?: { critical_ratio: number; quantile_level: number; sellable_kg: number };
  reasoning: string[];
  reason?: string;
}

export interface ReplenishmentPage {
  date: string;
  model_version: string;
  items: ReplenishmentItem[];
  total_items: number;
  next_offset: number | null;
}

export interface LeaderboardRow {
  id: string | null;
  kind: string;
  target: Target;
  stage: string | null;
  aliases: string[];
  created_at: string | null;
  wape: number;
  mase: number | null;
  coverage_p10_p90: number | null;
  seasonal_naive: boolean;
  skill_vs_seasonal_naive: number;
  protocol: string;
}

export interface ModelSummary {
  id: string;
  target: Target;
  kind: string;
  stage: string;
  aliases: string[];
  created_at: string;
}

export interface HistoryEntry {
  at: string;
  action: string;
  id: string;
  actor: string;
  to_stage: string | null;
}

export interface JobInfo {
  job_id: string;
  name: string;
  state: string;
  progress: number;
  stage: string | null;
  created_at: string;
  finished_at: string | null;
  error: string | null;
}
