import type { ItemSummary, ReplenishmentItem } from '../types';

/** A row of the orders table: the advice joined with the item's name and category. */
export interface OrderRow {
  item_code: string;
  name: string;
  category: string;
  order_kg: number | null;
  demand_p50: number | null;
  loss_rate: number | null;
  unit_cost: number | null;
  unit_price: number | null;
  critical_ratio: number | null;
  reason: string;
  reasoning: string[];
}

export type SortKey =
  | 'item_code'
  | 'name'
  | 'category'
  | 'order_kg'
  | 'demand_p50'
  | 'loss_rate'
  | 'unit_cost'
  | 'unit_price'
  | 'critical_ratio';

export const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'item_code', label: 'Item code', numeric: false },
  { key: 'name', label: 'Name', numeric: false },
  { key: 'category', label: 'Category', numeric: false },
  { key: 'order_kg', label: 'Order (kg)', numeric: true },
  { key: 'demand_p50', label: 'Demand P50 (kg)', numeric: true },
  { key: 'loss_rate', label: 'Loss rate', numeric: true },
  { key: 'unit_cost', label: 'Cost (RMB/kg)', numeric: true },
  { key: 'unit_price', label: 'Price (RMB/kg)', numeric: true },
  { key: 'critical_ratio', label: 'Critical ratio', numeric: true },
];

export function orderRows(
  items: ReplenishmentItem[],
  catalog: Map<string, ItemSummary>,
): OrderRow[] {
  return items.map((r) => {
    const info = catalog.get(r.item_code);
    return {
      item_code: r.item_code,
      name: info?.name ?? '',
      category: info?.category ?? '',
      order_kg: r.order_kg,
      demand_p50: r.inputs?.demand_p50 ?? null,
      loss_rate: r.inputs?.loss_rate ?? null,
      unit_cost: r.inputs?.unit_cost.value ?? null,
      unit_price: r.inputs?.unit_price.value ?? null,
      critical_ratio: r.advice?.critical_ratio ?? null,
      reason: r.reason ?? '',
      reasoning: r.reasoning,
    };
  });
}

/** Sorted copy; nulls (no advice) always last. */
export function sortRows(rows: OrderRow[], key: SortKey, ascending: boolean): OrderRow[] {
  const dir = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
    return String(x).localeCompare(String(y)) * dir;
  });
}

export function fmt(v: number | null, digits = 2): string {
  return v === null ? '–' : v.toFixed(digits);
}
