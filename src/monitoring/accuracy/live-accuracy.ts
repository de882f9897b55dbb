import { MetricSums, type MetricSummary } from '../../evaluation/metric-sums.js';
import { toEpochDay } from '../../data/dates.js';
import type { LoggedForecast } from '../forecast-log/forecast-log.store.js';

/** Horizon buckets: day 1, days 2–7, 8–14, 15–28, beyond 28; `all` rolls them up. */
export const HORIZON_BUCKETS = ['1', '7', '14', '28', '>28'] as const;
export type HorizonBucket = (typeof HORIZON_BUCKETS)[number] | 'all';

export function horizonBucket(day: number): HorizonBucket {
  if (day <= 1) return '1';
  if (day <= 7) return '7';
  if (day <= 14) return '14';
  if (day <= 28) return '28';
  return '>28';
}

export interface AccuracyRow extends MetricSummary {
  window_days: number;
  model_version: string;
  horizon_bucket: HorizonBucket;
  /** A category name, or `all`. */
  category: string;
  /** Distinct days with at least one scored point. */
  scored_days: number;
}

/** What scoring needs besides the logged forecasts. */
export interface ScoringInputs {
  /** Last day of the windows (inclusive). */
  end: string;
  /** Window lengths in days, e.g. [7, 28]. */
  windows: readonly number[];
  /**
   * An item's actuals over the widest window (days end − W + 1 … end, W the widest window), NaN where
   * unknown; undefined when there is none. Asked once per forecast, so callers should keep the rows.
   */
  actualRow: (seriesId: string) => ArrayLike<number> | undefined;
  /** The item's category name (`unknown` when not known). */
  category: (seriesId: string) => string;
  /** The item's MASE scale (seasonal-naive MAE); NaN when unknown. */
  scale: (seriesId: string) => number;
  /** Only score days after this one (e.g. a canary's start); default: no limit. */
  after?: string;
}

interface Cell {
  sums: MetricSums;
  days: Set<number>;
}

/**
 * Realised accuracy: joins logged forecasts with actuals (a forecast made at origin o for horizon
 * day h scores the actual of day o + h) and accumulates WAPE, MASE, bias, pinball and P10–P90
 * coverage per window, model version, horizon bucket and category, plus the `all` roll-ups.
 * Streaming: forecasts are folded in as they are read (`add`), then `rows()` summarises.
 */
export class LiveAccuracy {
  private readonly endDay: number;
  private readonly firstDay: number;
  private readonly windowStart: number;
  private readonly windows: number[];
  private readonly cells = new Map<string, Cell>();

  constructor(private readonly inputs: ScoringInputs) {
    this.endDay = toEpochDay(inputs.end);
    this.windows = [...inputs.windows].sort((a, b) => a - b);
    const widest = this.endDay - (this.windows.at(-1) ?? 0) + 1;
    this.windowStart = widest;
    this.firstDay =
      inputs.after === undefined ? widest : Math.max(widest, toEpochDay(inputs.after) + 1);
  }

  add(forecasts: readonly LoggedForecast[]): void {
    const { actualRow, category, scale } = this.inputs;
    const nb = HORIZON_BUCKETS.length;
    // Cells of the current forecast by window and bucket: model and category are fixed per forecast.
    const local: (Cell | undefined)[] = new Array<Cell | undefined>(this.windows.length * nb);
    for (const f of forecasts) {
      const origin = toEpochDay(f.origin);
      if (origin + f.p50.length < this.firstDay || origin >= this.endDay) continue;
      const row = actualRow(f.seriesId);
      if (row === undefined) continue;
      const cat = category(f.seriesId);
      local.fill(undefined);
      let s = NaN;
      for (let h = 1; h <= f.p50.length; h++) {
        const day = origin + h;
        if (day < this.firstDay || day > this.endDay) continue;
        const y = row[day - this.windowStart];
        if (Number.isNaN(y)) continue;
        if (Number.isNaN(s)) s = scale(f.seriesId);
        const point = {
          actual: y,
          p10: f.p10[h - 1],
          p50: f.p50[h - 1],
          p90: f.p90[h - 1],
          scale: s,
        };
        const bucket = horizonBucket(h);
        const b = HORIZON_BUCKETS.indexOf(bucket as (typeof HORIZON_BUCKETS)[number]);
        for (let wi = 0; wi < this.windows.length; wi++) {
          const w = this.windows[wi];
          if (day <= this.endDay - w) continue;
          const slot = wi * nb + b;
          const cell = (local[slot] ??= this.cell(w, f.modelVersion, bucket, cat));
          cell.sums.add(point);
          cell.days.add(day);
        }
      }
    }
  }

  private cell(w: number, model: string, bucket: HorizonBucket, cat: string): Cell {
    const key = `${w}\u0000${model}\u0000${bucket}\u0000${cat}`;
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { sums: new MetricSums(), days: new Set() }));
    return c;
  }

  /** Every group with at least one point, roll-ups (`all`) included, sorted by window, model, bucket, category. */
  rows(): AccuracyRow[] {
    const groups = new Map<
      string,
      { w: number; model: string; bucket: HorizonBucket; cat: string; cell: Cell }
    >();
    for (const [key, cell] of this.cells) {
      const [w, model, bucket, cat] = key.split('\u0000');
      for (const b of [bucket as HorizonBucket, 'all' as const])
        for (const c of [cat, 'all']) {
          const k = `${w}\u0000${model}\u0000${b}\u0000${c}`;
          let g = groups.get(k);
          if (!g) {
            g = {
              w: Number(w),
              model,
              bucket: b,
              cat: c,
              cell: { sums: new MetricSums(), days: new Set() },
            };
            groups.set(k, g);
          }
          g.cell.sums.merge(cell.sums);
          for (const d of cell.days) g.cell.days.add(d);
        }
    }
    const order = (b: HorizonBucket): number => (b === 'all' ? -1 : HORIZON_BUCKETS.indexOf(b));
    return [...groups.values()]
      .sort(
        (a, b) =>
          a.w - b.w ||
          a.model.localeCompare(b.model) ||
          order(a.bucket) - order(b.bucket) ||
          (a.cat === 'all' ? -1 : b.cat === 'all' ? 1 : a.cat.localeCompare(b.cat)),
      )
      .map((g) => ({
        window_days: g.w,
        model_version: g.model,
        horizon_bucket: g.bucket,
        category: g.cat,
        scored_days: g.cell.days.size,
        ...g.cell.sums.summary(),
      }));
  }
}
