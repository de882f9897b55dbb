import type { DayLineBuffer } from './day-line.buffer.js';
import type { DemandProfile } from './demand-profile.js';
import { roundTo } from './item-catalog.js';
import { shelfPrice } from './price-path.js';
import type { SeededRandom } from './seeded-random.js';

const HOUR = 3_600_000;
const OPEN_MS = 7.5 * HOUR;
const CLOSE_MS = 22.75 * HOUR;
/** Time-of-day mixture of the store's traffic: morning, midday and evening peaks. */
const TRAFFIC: readonly { weight: number; mean: number; sd: number }[] = [
  { weight: 0.42, mean: 9.8, sd: 1.1 },
  { weight: 0.18, mean: 13.5, sd: 1.4 },
  { weight: 0.4, mean: 18.6, sd: 1.4 },
];
const RETURN_PER_LINE = 0.0005;
/** A return without a sale that day (bought earlier), on days the item sells nothing. */
const LONE_RETURN_RATE = 0.0012;
const BULK_LINE_SHARE = 0.006;
const PRICE_CHANGE_RATE = 0.1;
const PROMO_SHARE = 0.22;

export interface ItemDayInput {
  itemIndex: number;
  profile: DemandProfile;
  packaged: boolean;
  /** Expected quantity before the daily shock (all multipliers applied except price). */
  expected: number;
  regularPrice: number;
  referencePrice: number;
}

export interface ItemDayResult {
  saleLines: number;
  returnLines: number;
  discountLines: number;
  netQuantity: number;
  /** Sale lines at more than one unit price. */
  multiPrice: boolean;
}

/**
 * One item on one listed day: draws the demand (gamma-Poisson on scan lines), the scan lines with times
 * and quantities, discounts (evening markdowns, whole-day promotions), unflagged price changes and
 * returns, and appends them to the day's buffer.
 */
export function simulateItemDay(
  input: ItemDayInput,
  lines: DayLineBuffer,
  rng: SeededRandom,
): ItemDayResult {
  const { profile, regularPrice: price, itemIndex } = input;
  const start = lines.length;
  const priceFactor = Math.pow(price / input.referencePrice, -profile.elasticity);
  let mean = input.expected * priceFactor;
  const discounted = rng.chance(profile.discountRate);
  const promo = discounted && rng.chance(PROMO_SHARE);
  const promoPrice = promo ? Math.min(price - 0.1, shelfPrice(price * rng.uniform(0.7, 0.9))) : 0;
  if (promo && promoPrice > 0) mean *= Math.pow(promoPrice / price, -profile.elasticity);
  const shock = rng.gamma(profile.shockShape) / profile.shockShape;
  const idle = rng.chance(profile.idleRate);
  const n = idle ? 0 : rng.poisson((mean * shock) / profile.lineMean);
  for (let k = 0; k < n; k++) {
    lines.push(trafficTime(rng), itemIndex, lineQuantity(input, rng), price, false, false);
  }

  if (promo && promoPrice > 0) {
    for (let i = start; i < lines.length; i++) {
      lines.price[i] = promoPrice;
      lines.discount[i] = 1;
    }
  } else if (discounted && n > 0) {
    // Evening markdown: lines after the markdown time sell cheaper, and more of them.
    const from = Math.round(rng.uniform(17.5, 21) * HOUR);
    const markdown = Math.max(
      0.1,
      Math.min(price - 0.1, roundTo(price * rng.uniform(0.5, 0.85), 0.1)),
    );
    let after = 0;
    for (let i = start; i < lines.length; i++) {
      if (lines.timeMs[i] < from) continue;
      lines.price[i] = markdown;
      lines.discount[i] = 1;
      after++;
    }
    const extra = rng.poisson(after * (Math.pow(markdown / price, -profile.elasticity) - 1));
    for (let k = 0; k < extra; k++) {
      const t = Math.round(rng.uniform(from, CLOSE_MS));
      lines.push(t, itemIndex, lineQuantity(input, rng), markdown, false, true);
    }
  } else if (n > 1 && rng.chance(PRICE_CHANGE_RATE)) {
    // Unflagged price change during the day.
    const from = Math.round(rng.uniform(11, 17) * HOUR);
    let changed = shelfPrice(price * rng.uniform(0.88, 1.08));
    if (changed === price) changed = shelfPrice(price + 0.2);
    for (let i = start; i < lines.length; i++)
      if (lines.timeMs[i] >= from) lines.price[i] = changed;
  }

  const saleEnd = lines.length;
  let returnLines = 0;
  for (let i = start; i < saleEnd; i++) {
    if (!rng.chance(RETURN_PER_LINE)) continue;
    const t = Math.min(CLOSE_MS, lines.timeMs[i] + Math.round(rng.uniform(0.1, 3) * HOUR));
    lines.push(t, itemIndex, -lines.quantity[i], lines.price[i], true, lines.discount[i] === 1);
    returnLines++;
  }
  if (saleEnd === start && rng.chance(LONE_RETURN_RATE)) {
    // Goods bought on an earlier day brought back.
    lines.push(trafficTime(rng), itemIndex, -lineQuantity(input, rng), price, true, false);
    returnLines++;
  }

  let net = 0;
  let discountLines = 0;
  let firstPrice = NaN;
  let multiPrice = false;
  for (let i = start; i < lines.length; i++) {
    net += lines.quantity[i];
    discountLines += lines.discount[i];
    if (lines.isReturn[i] === 1) continue;
    if (Number.isNaN(firstPrice)) firstPrice = lines.price[i];
    else if (lines.price[i] !== firstPrice) multiPrice = true;
  }
  return {
    saleLines: saleEnd - start,
    returnLines,
    discountLines,
    netQuantity: net,
    multiPrice,
  };
}

function trafficTime(rng: SeededRandom): number {
  const u = rng.next();
  let acc = 0;
  let mode = TRAFFIC[TRAFFIC.length - 1];
  for (const m of TRAFFIC) {
    acc += m.weight;
    if (u < acc) {
      mode = m;
      break;
    }
  }
  for (let tries = 0; tries < 4; tries++) {
    const t = Math.round((mode.mean + mode.sd * rng.normal()) * HOUR);
    if (t >= OPEN_MS && t <= CLOSE_MS) return t;
  }
  return Math.round(rng.uniform(OPEN_MS, CLOSE_MS));
}

function lineQuantity(input: ItemDayInput, rng: SeededRandom): number {
  if (input.packaged) {
    const u = rng.next();
    return u < 0.85 ? 1 : u < 0.97 ? 2 : 3;
  }
  let q = input.profile.lineMedian * rng.logNormal(0, 0.55);
  if (rng.chance(BULK_LINE_SHARE)) q *= rng.uniform(4, 12);
  return Math.max(0.005, roundTo(q, 0.001));
}
