import type { CatalogItem } from './item-catalog.js';
import type { SeededRandom } from './seeded-random.js';
import type { StoreCalendar } from './store-calendar.js';

/** Inclusive range of day indices in which an item may be listed (has a wholesale quote). */
export interface ListingWindow {
  from: number;
  to: number;
}

/** How an item sells: level, weekly and yearly shape, noise, price response and when it is on offer. */
export interface DemandProfile {
  /** Position in the density ranking as a share (0 = sells on the most days). */
  rankShare: number;
  neverSells: boolean;
  /** Mean quantity per listed day before multipliers (kg, or units for packaged items). */
  baseQuantity: number;
  /** Gamma shape of the daily demand shock (smaller = noisier, more zero days). */
  shockShape: number;
  /** Probability that a listed day sells nothing whatever the demand (not on the shelf, not noticed). */
  idleRate: number;
  /** Median and mean quantity of one scan line. */
  lineMedian: number;
  lineMean: number;
  /** Multipliers by ISO weekday − 1 (Monday first), mean 1. */
  weekly: Float64Array;
  /** Yearly seasonality: log amplitude and day of year of the peak. */
  seasonAmplitude: number;
  seasonPeakDoy: number;
  /** Own-price elasticity (demand ∝ (price / reference)^−elasticity). */
  elasticity: number;
  /** Probability of a discount on a day the item sells. */
  discountRate: number;
  windows: ListingWindow[];
  /** Probability of being listed on an open day inside a window. */
  listDensity: number;
}

/** Store weekday profile (Mon..Sun kg in the real data), as multipliers with mean 1. */
const STORE_WEEKLY = [390, 373, 383, 376, 430, 557, 530];
/** Share of days sold by density rank (real: median item ≈ 80/1095, 47 items ≥ 365, 16 ≥ 700). */
const SOLD_SHARE_KNOTS: readonly (readonly [number, number])[] = [
  [0, 0.965],
  [0.064, 0.66],
  [0.187, 0.335],
  [0.5, 0.085],
  [0.98, 0.003],
  [1, 0.003],
];
/** Mean quantity per listed day by density rank (heavy-tailed across items). */
const BASE_QUANTITY_KNOTS: readonly (readonly [number, number])[] = [
  [0, 22.5],
  [0.064, 8.6],
  [0.187, 5.2],
  [0.5, 2.5],
  [1, 0.8],
];
const NEVER_SELL_SHARE = 5 / 251;
const LINE_LOG_SIGMA = 0.55;
const PACKAGED_LINE_MEAN = 1.18;
const MAX_WINDOW = 330;

export function buildDemandProfiles(
  items: readonly CatalogItem[],
  calendar: StoreCalendar,
  rng: SeededRandom,
): DemandProfile[] {
  const n = items.length;
  const days = calendar.days.length;
  const openDays = calendar.days.filter((d) => !d.closed).length;
  const order = densityOrder(items, rng);
  const neverCount = Math.round(n * NEVER_SELL_SHARE);
  const profiles = new Array<DemandProfile>(n);
  order.forEach((itemIndex, rank) => {
    const item = items[itemIndex];
    const r = (rank + 0.5) / n;
    const neverSells = rank >= n - neverCount;
    const lineMedian = item.packaged ? 1 : item.category.lineKgMedian;
    const lineMean = item.packaged
      ? PACKAGED_LINE_MEAN
      : lineMedian * Math.exp((LINE_LOG_SIGMA * LINE_LOG_SIGMA) / 2);
    const baseQuantity = neverSells
      ? 0
      : interpolateLog(BASE_QUANTITY_KNOTS, r) * rng.logNormal(0, 0.3);
    const shockShape = (1.5 + 13 * Math.pow(1 - r, 4)) * rng.uniform(0.8, 1.25);
    const idleRate = r < 0.06 ? 0.005 : rng.uniform(0.05, Math.min(0.45, 0.1 + r * 0.4));
    const seasonal = r > 0.12 && rng.chance(0.6);
    const seasonPeakDoy = rng.int(365);
    const seasonAmplitude = seasonal ? rng.uniform(0.25, 0.6) : rng.uniform(0.05, 0.25);
    const soldShare =
      rank === 0
        ? SOLD_SHARE_KNOTS[0][1]
        : Math.min(0.97, interpolateLog(SOLD_SHARE_KNOTS, r) * rng.logNormal(0, 0.2));
    const targetSold = Math.max(2, Math.round(soldShare * openDays));
    const linesPerDay = baseQuantity / lineMean;
    const sellProb = neverSells
      ? 1
      : (1 - idleRate) * (1 - Math.pow(1 + linesPerDay / shockShape, -shockShape));
    const targetListed = neverSells
      ? 1 + rng.int(6)
      : Math.min(openDays, Math.round(targetSold / sellProb));
    const listDensity = r < 0.1 ? rng.uniform(0.97, 1) : rng.uniform(0.75, 0.98);
    const listing = listingWindows(targetListed, listDensity, days, openDays, {
      seasonal,
      seasonPeakDoy,
      firstDoy: calendar.days[0].doy,
      r,
      rng,
    });
    profiles[itemIndex] = {
      rankShare: r,
      neverSells,
      baseQuantity,
      shockShape,
      idleRate,
      lineMedian,
      lineMean,
      weekly: weeklyMultipliers(rng),
      seasonAmplitude,
      seasonPeakDoy,
      elasticity: rng.uniform(0.6, 1.8),
      discountRate: Math.min(0.6, (0.05 + 0.011 * item.lossRatePct) * rng.uniform(0.6, 1.4)),
      windows: listing.windows,
      listDensity: listing.density,
    };
  });
  return profiles;
}

/** Item indices from densest to sparsest: a weighted random order favouring some categories. */
function densityOrder(items: readonly CatalogItem[], rng: SeededRandom): number[] {
  const keyed = items.map((item, i) => ({
    i,
    key: -Math.log(Math.max(rng.next(), 1e-12)) / item.category.denseWeight,
  }));
  keyed.sort((a, b) => a.key - b.key);
  return keyed.map((k) => k.i);
}

function weeklyMultipliers(rng: SeededRandom): Float64Array {
  const storeMean = STORE_WEEKLY.reduce((s, x) => s + x, 0) / 7;
  const beta = rng.uniform(0.6, 1.4);
  const w = new Float64Array(7);
  let sum = 0;
  for (let d = 0; d < 7; d++) {
    w[d] = Math.pow(STORE_WEEKLY[d] / storeMean, beta) * rng.logNormal(0, 0.04);
    sum += w[d];
  }
  for (let d = 0; d < 7; d++) w[d] = (w[d] * 7) / sum;
  return w;
}

interface WindowContext {
  seasonal: boolean;
  seasonPeakDoy: number;
  firstDoy: number;
  r: number;
  rng: SeededRandom;
}

/**
 * Windows that hold about `listed` listed days: the whole range for the densest items, else one
 * contiguous life span (an item introduced or dropped) or one window per season around its peak.
 */
function listingWindows(
  listed: number,
  density: number,
  days: number,
  openDays: number,
  ctx: WindowContext,
): { windows: ListingWindow[]; density: number } {
  const { rng } = ctx;
  const span = Math.max(1, Math.round(listed / density));
  if (span >= 0.93 * days) {
    return { windows: [{ from: 0, to: days - 1 }], density: Math.min(1, listed / openDays) };
  }
  const useSpan = ctx.seasonal ? span > 280 : ctx.r < 0.25 ? rng.chance(0.75) : rng.chance(0.4);
  if (useSpan) {
    const u = rng.next();
    const from = u < 0.3 ? 0 : u < 0.6 ? days - span : rng.int(Math.max(1, days - span + 1));
    return { windows: [{ from, to: from + span - 1 }], density };
  }
  // Seasonal: windows centred near the peak day of year, in some of the years.
  const centres: number[] = [];
  const firstPeak = ((ctx.seasonPeakDoy - ctx.firstDoy + 365) % 365) - 365;
  for (let c = firstPeak; c < days + 60; c += 365) if (c > -60) centres.push(c);
  let chosen = centres.filter(() => rng.chance(0.75));
  if (chosen.length === 0) {
    chosen = centres.length > 0 ? [centres[rng.int(centres.length)]] : [rng.int(days)];
  }
  const width = Math.min(MAX_WINDOW, span / chosen.length);
  const windows: ListingWindow[] = [];
  for (const c of chosen) {
    const w = Math.max(1, Math.round(width * rng.uniform(0.75, 1.25)));
    const centre = c + Math.round(rng.uniform(-20, 20));
    const from = Math.max(0, centre - Math.floor(w / 2));
    const to = Math.min(days - 1, centre + Math.ceil(w / 2) - 1);
    if (to >= from) windows.push({ from, to });
  }
  if (windows.length === 0) {
    const from = rng.int(Math.max(1, days - span + 1));
    windows.push({ from, to: Math.min(days - 1, from + span - 1) });
  }
  return { windows, density };
}

/** Log-linear interpolation over (x, y) knots with increasing x. */
function interpolateLog(knots: readonly (readonly [number, number])[], x: number): number {
  if (x <= knots[0][0]) return knots[0][1];
  for (let i = 1; i < knots.length; i++) {
    const [x1, y1] = knots[i];
    if (x <= x1) {
      const [x0, y0] = knots[i - 1];
      const t = (x - x0) / (x1 - x0);
      return Math.exp(Math.log(y0) + t * (Math.log(y1) - Math.log(y0)));
    }
  }
  return knots[knots.length - 1][1];
}
