import { addDays, dateRange, isoDayOfWeek } from '../../src/data/dates.js';
import type { SeriesPanel } from '../../src/data/series-panel.js';

/** Deterministic PRNG (mulberry32): the same seed gives the same panel on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Mon..Sun demand factors: weekends ≈ 40 % above weekdays, as in the real store. */
export const WEEKDAY_FACTORS = [0.93, 0.89, 0.92, 0.9, 1.03, 1.38, 1.31];

export type SyntheticSeriesKind = 'regular' | 'intermittent' | 'gappy' | 'short';

export interface SyntheticPanelOptions {
  series?: number;
  days?: number;
  start?: string;
  seed?: number;
  /** Log-normal noise σ of daily demand. */
  noise?: number;
}

export interface SyntheticPanel extends SeriesPanel {
  /** What each series was generated as (same order as seriesIds). */
  kinds: SyntheticSeriesKind[];
}

/**
 * A small panel shaped like the retailer's: weekly pattern with weekend uplift, slow level drift,
 * known log-normal noise; every third series intermittent (sells on 25–50 % of days), every third
 * one with unlisted stretches (NaN) and scattered missing days; the last series (with ≥ 4 series)
 * listed only in the last 40 days. Price ≈ 1.65 × wholesale; price NaN on days without sales.
 */
export function syntheticPanel(opts: SyntheticPanelOptions = {}): SyntheticPanel {
  const n = opts.series ?? 12;
  const days = opts.days ?? 200;
  const start = opts.start ?? '2023-01-02';
  const sigma = opts.noise ?? 0.25;
  const rand = mulberry32(opts.seed ?? 7);
  const dates = dateRange(start, addDays(start, days - 1));
  const size = n * days;
  const quantity = new Float32Array(size).fill(NaN);
  const price = new Float32Array(size).fill(NaN);
  const wholesale = new Float32Array(size).fill(NaN);
  const revenue = new Float32Array(size).fill(NaN);
  const listed = new Uint8Array(size);
  const kinds: SyntheticSeriesKind[] = [];
  const dows = dates.map((d) => isoDayOfWeek(d) - 1);
  for (let s = 0; s < n; s++) {
    const kind: SyntheticSeriesKind =
      n >= 4 && s === n - 1 ? 'short' : (['regular', 'intermittent', 'gappy'] as const)[s % 3];
    kinds.push(kind);
    const level = 4 + 40 * rand() ** 2;
    const weekly = 0.5 + rand();
    const drift = 0.25 * rand();
    const phase = 2 * Math.PI * rand();
    const sellProb = 0.25 + 0.25 * rand();
    const basePrice = 3 + 12 * rand();
    const gapStart = Math.floor(days * (0.3 + 0.3 * rand()));
    const gapLength = 10 + Math.floor(15 * rand());
    for (let t = 0; t < days; t++) {
      const i = s * days + t;
      const inGap = kind === 'gappy' && t >= gapStart && t < gapStart + gapLength;
      const unlisted =
        inGap || (kind === 'gappy' && rand() < 0.05) || (kind === 'short' && t < days - 40);
      if (unlisted) continue;
      listed[i] = 1;
      const w = 1 + weekly * (WEEKDAY_FACTORS[dows[t]] - 1);
      const mean = level * w * (1 + drift * Math.sin(phase + (2 * Math.PI * t) / 120));
      let q = mean * Math.exp(sigma * normal(rand) - (sigma * sigma) / 2);
      if (kind === 'intermittent')
        q = rand() < sellProb * (dows[t] >= 5 ? 1.3 : 1) ? q / sellProb : 0;
      q = Math.round(q * 1000) / 1000;
      quantity[i] = q;
      const p = basePrice * (1 + 0.05 * normal(rand));
      wholesale[i] = p / 1.65;
      if (q > 0) {
        price[i] = p;
        revenue[i] = p * q;
      } else revenue[i] = 0;
    }
  }
  return {
    seriesIds: Array.from({ length: n }, (_, s) => `S${String(s).padStart(2, '0')}`),
    dates,
    columns: new Map([
      ['quantity', quantity],
      ['price', price],
      ['wholesale', wholesale],
      ['revenue', revenue],
    ]),
    listed,
    statics: {
      name: Array.from({ length: n }, (_, s) => `item ${s}`),
      categoryCode: Array.from({ length: n }, (_, s) => `C${s % 3}`),
      categoryName: Array.from({ length: n }, (_, s) => `Category ${s % 3}`),
      lossRate: Float32Array.from({ length: n }, () => 0.05 + 0.1 * rand()),
    },
    source: 'long',
    kinds,
  };
}

/**
 * A hand-made panel from per-series day vectors: `columns[name][s]` is series s over the days from
 * `start` (NaN = no value). Listed flags follow `quantity` (else the first column) unless given;
 * statics default to unknown. The one panel builder of the tests, besides syntheticPanel.
 */
export function panelOf(input: {
  start: string;
  columns: Record<string, readonly (readonly number[])[]>;
  ids?: readonly string[];
  listed?: number[][];
  categoryCode?: string[];
  categoryName?: string[];
  lossRate?: number[];
}): SeriesPanel {
  const first = Object.values(input.columns)[0] ?? [];
  const S = first.length;
  const T = first[0]?.length ?? 0;
  for (const m of Object.values(input.columns))
    if (m.length !== S || m.some((row) => row.length !== T))
      throw new Error('rows of different lengths');
  const ids = input.ids ? [...input.ids] : Array.from({ length: S }, (_, s) => `s${s}`);
  const flat = (m: readonly (readonly number[])[]): Float32Array => Float32Array.from(m.flat());
  const quantity = input.columns.quantity;
  const listed = input.listed
    ? Uint8Array.from(input.listed.flat())
    : Uint8Array.from((quantity ?? first).flat(), (v) => (Number.isNaN(v) ? 0 : 1));
  return {
    seriesIds: ids,
    dates: T === 0 ? [] : dateRange(input.start, addDays(input.start, T - 1)),
    columns: new Map(Object.entries(input.columns).map(([name, m]) => [name, flat(m)])),
    listed,
    statics: {
      name: ids.map(() => ''),
      categoryCode: input.categoryCode ?? ids.map(() => ''),
      categoryName: input.categoryName ?? ids.map(() => ''),
      lossRate: Float32Array.from(input.lossRate ?? ids.map(() => NaN)),
    },
    source: 'long',
  };
}

/** One row of daily quantities per series (NaN = unlisted), ids S00, S01, … unless given. */
export function panelFromRows(
  rows: readonly (readonly number[])[],
  start = '2024-01-01',
  ids?: readonly string[],
): SeriesPanel {
  return panelOf({
    start,
    columns: { quantity: rows },
    ids: ids ?? rows.map((_, s) => `S${String(s).padStart(2, '0')}`),
  });
}

/** A deep copy of a panel (columns and flags cloned), for tests that perturb values. */
export function clonePanel(panel: SeriesPanel): SeriesPanel {
  return {
    ...panel,
    seriesIds: [...panel.seriesIds],
    dates: [...panel.dates],
    columns: new Map([...panel.columns].map(([k, v]) => [k, v.slice()])),
    listed: panel.listed.slice(),
  };
}
