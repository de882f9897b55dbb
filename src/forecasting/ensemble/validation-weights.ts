import { addDays } from '../../data/dates.js';
import type { SeriesPanel } from '../../data/series-panel.js';
import type { FitOptions, Forecaster } from '../forecast.types.js';
import { resolveCutoff, targetValues } from '../stats/series-history.js';

/** Floor on a member's validation WAPE, so a lucky member cannot take all the weight. */
const MIN_WAPE = 0.05;

/**
 * WAPE of a fitted member's P50 over the `horizon` days after `from` (all inside the fit's data:
 * `from` + horizon is the ensemble's cutoff). NaN when nothing was observed there.
 */
async function heldOutWape(
  member: Forecaster,
  panel: SeriesPanel,
  opts: FitOptions,
  from: string,
): Promise<number> {
  const values = targetValues(panel, opts.target);
  const days = panel.dates.length;
  const start = resolveCutoff(panel, from).index;
  const forecasts = await member.predict({ panel, cutoff: from, horizon: opts.horizon });
  const row = new Map(panel.seriesIds.map((id, s) => [id, s]));
  let err = 0;
  let vol = 0;
  for (const f of forecasts) {
    const s = row.get(f.seriesId);
    if (s === undefined) continue;
    for (let h = 1; h <= opts.horizon; h++) {
      const t = start + h;
      if (t >= days) break;
      const y = values[s * days + t];
      if (Number.isNaN(y)) continue;
      err += Math.abs(y - f.quantiles.p50[h - 1]);
      vol += Math.abs(y);
    }
  }
  return vol > 0 ? err / vol : NaN;
}

/**
 * Weights 1 / WAPE² from a held-out fit: each member (a fresh copy) is fitted up to `horizon` days
 * before the cutoff and scored on the days up to the cutoff. Members that cannot be scored get the
 * mean weight of the others (equal weights when none can).
 */
export async function validationWeights(
  templates: readonly Forecaster[],
  panel: SeriesPanel,
  opts: FitOptions,
): Promise<{ weights: number[]; wapes: number[] }> {
  const cutoff = resolveCutoff(panel, opts.cutoff).iso;
  const from = addDays(cutoff, -opts.horizon);
  const wapes: number[] = [];
  for (const template of templates) {
    const copy = template.create();
    try {
      await copy.fit(panel, { ...opts, cutoff: from, onProgress: undefined });
      wapes.push(await heldOutWape(copy, panel, opts, from));
    } catch {
      wapes.push(NaN);
    } finally {
      copy.dispose();
    }
  }
  const raw = wapes.map((w) => (Number.isFinite(w) ? 1 / Math.max(MIN_WAPE, w) ** 2 : NaN));
  const known = raw.filter((w) => Number.isFinite(w));
  const fill = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const filled = raw.map((w) => (Number.isFinite(w) ? w : fill));
  const total = filled.reduce((a, b) => a + b, 0);
  return { weights: filled.map((w) => w / total), wapes };
}
