import { MAX_HORIZON_DAYS } from '../../common/forecast-horizon.js';
import { addDays, fromEpochDay, toEpochDay } from '../../data/dates.js';
import type { SeriesPanel, Target } from '../../data/series-panel.js';
import { seasonalNaiveMae } from '../../evaluation/metrics.js';
import type { ModelRegistryService } from '../../registry/model-registry.service.js';
import type { ArtifactStore } from '../../storage/artifact-store.js';
import type { ActualsStore } from '../actuals/actuals.store.js';
import { loggedOrigins, readForecastLog } from '../forecast-log/forecast-log.store.js';
import { LiveAccuracy, type AccuracyRow } from './live-accuracy.js';

export interface BacktestFigures {
  wape: number;
  mase: number | null;
  coverage: number | null;
}

export interface ModelAccuracyInfo {
  model_version: string;
  kind: string | null;
  /** The model's backtest figures from its manifest (null when unknown). */
  backtest: BacktestFigures | null;
}

/** Live accuracy of one target, as stored at `monitoring/accuracy/target=<t>.json` and served. */
export interface AccuracyReport {
  target: Target;
  /** Last day of the windows: the newest day with an actual. */
  as_of: string;
  generated_at: string;
  windows: number[];
  /** The prod model when scored (null without one). */
  prod_model: string | null;
  models: ModelAccuracyInfo[];
  rows: AccuracyRow[];
}

export interface ScorerDeps {
  store: ArtifactStore;
  actuals: ActualsStore;
  registry: ModelRegistryService;
  /** The retailer's data as loaded (its days are actuals too); null when none is loaded. */
  panel: SeriesPanel | null;
}

export interface ScoreOptions {
  /** Default: the newest day with an actual (posted or in the data). */
  asOf?: string;
  windows: readonly number[];
  /** Only these model versions (default: every model in the log). */
  models?: readonly string[];
  /** Only days after this one. */
  after?: string;
  /** Only forecasts made at this origin or later. */
  fromOrigin?: string;
}

export function accuracyReportKey(target: Target): string {
  return `monitoring/accuracy/target=${target}.json`;
}

/**
 * Scores the forecast log of a target against its actuals: the data files' values (the panel, as
 * the data watcher reloads it) overlaid with posted actuals, which win for the same item-day.
 * Null when there is no actual to score against.
 */
export async function scoreAccuracy(
  deps: ScorerDeps,
  target: Target,
  opts: ScoreOptions,
): Promise<AccuracyReport | null> {
  const { panel } = deps;
  const panelEnd = panel?.dates.at(-1) ?? null;
  const postedEnd = await deps.actuals.lastDay(target);
  const end =
    opts.asOf ??
    [panelEnd, postedEnd]
      .filter((d) => d !== null)
      .sort()
      .at(-1);
  if (end === undefined) return null;
  const widest = Math.max(...opts.windows);
  const start = addDays(end, 1 - widest);
  const posted = await deps.actuals.read(target, start, end);

  const seriesIndex = new Map(panel?.seriesIds.map((id, s) => [id, s]) ?? []);
  const values = panel?.columns.get(target);
  const days = panel?.dates.length ?? 0;
  // Each item's actuals over the widest window: the panel's values, then the posted ones over them.
  const startDay = toEpochDay(start);
  const panelOffset = panel ? startDay - toEpochDay(panel.dates[0]) : 0;
  const actualRows = new Map<string, Float64Array>();
  const rowOf = (id: string): Float64Array => {
    let row = actualRows.get(id);
    if (row) return row;
    row = new Float64Array(widest).fill(NaN);
    const s = seriesIndex.get(id);
    if (s !== undefined && values)
      for (let i = 0; i < widest; i++) {
        const t = panelOffset + i;
        if (t >= 0 && t < days) row[i] = values[s * days + t];
      }
    actualRows.set(id, row);
    return row;
  };
  for (const [date, byItem] of posted) {
    const i = toEpochDay(date) - startDay;
    for (const [id, y] of byItem) rowOf(id)[i] = y;
  }
  const scales = new Map<string, number>();
  const live = new LiveAccuracy({
    end,
    windows: opts.windows,
    after: opts.after,
    actualRow: (id) => (actualRows.has(id) || seriesIndex.has(id) ? rowOf(id) : undefined),
    category: (id) => {
      const s = seriesIndex.get(id);
      return (s === undefined ? '' : panel?.statics.categoryName[s]) || 'unknown';
    },
    scale: (id) => {
      let v = scales.get(id);
      if (v === undefined) {
        const s = seriesIndex.get(id);
        v =
          s === undefined || !values
            ? NaN
            : seasonalNaiveMae(values.subarray(s * days, (s + 1) * days));
        scales.set(id, v);
      }
      return v;
    },
  });
  const wanted = opts.models ? new Set(opts.models) : null;
  // Forecast origins further back than the longest horizon cannot reach the windows.
  const reach = fromEpochDay(toEpochDay(start) - MAX_HORIZON_DAYS);
  const firstOrigin =
    opts.fromOrigin !== undefined && opts.fromOrigin > reach ? opts.fromOrigin : reach;
  for (const origin of await loggedOrigins(deps.store, target, firstOrigin, addDays(end, -1))) {
    const logged = await readForecastLog(deps.store, target, origin);
    live.add(wanted ? logged.filter((f) => wanted.has(f.modelVersion)) : logged);
  }
  const rows = live.rows();
  const versions = [...new Set(rows.map((r) => r.model_version))];
  return {
    target,
    as_of: end,
    generated_at: new Date().toISOString(),
    windows: [...opts.windows],
    prod_model: (await deps.registry.status(target)).prod,
    models: await Promise.all(versions.map((v) => modelInfo(deps.registry, v))),
    rows,
  };
}

async function modelInfo(registry: ModelRegistryService, id: string): Promise<ModelAccuracyInfo> {
  try {
    const m = await registry.get(id);
    return {
      model_version: id,
      kind: m.kind,
      backtest: m.backtest
        ? {
            wape: m.backtest.wape,
            mase: m.backtest.mase ?? null,
            coverage: m.backtest.coverage_p10_p90,
          }
        : null,
    };
  } catch {
    return { model_version: id, kind: null, backtest: null };
  }
}
