import { roundTo, type CatalogItem } from './item-catalog.js';
import type { SeededRandom } from './seeded-random.js';
import type { StoreDay } from './store-calendar.js';

/**
 * One item's prices day by day: a wholesale price following a smooth random walk with seasonal movement
 * (cheapest in the item's season), and a sticky shelf price ≈ markup × wholesale that only moves when
 * the target drifts away from it. Advance once per calendar day, listed or not.
 */
export class PricePath {
  /** Today's wholesale quote, RMB/kg (two decimals). */
  wholesale = 0;
  /** Today's regular shelf price, RMB/kg. */
  regular = 0;
  /** Slow moving average of the shelf price: what customers are used to paying. */
  reference = 0;

  private slow: number;
  private fast: number;
  private readonly logBase: number;
  private readonly markup: number;

  constructor(
    item: CatalogItem,
    private readonly seasonAmplitude: number,
    private readonly seasonTroughDoy: number,
    rng: SeededRandom,
  ) {
    this.logBase = Math.log(item.baseWholesale);
    // Cheap produce carries a bigger relative markup.
    const premiumMargin = rng.chance(0.1) ? rng.uniform(1.5, 2.8) : 1;
    this.markup =
      rng.logNormal(Math.log(1.66), 0.13) *
      premiumMargin *
      Math.max(1, Math.pow(3 / item.baseWholesale, 0.45));
    this.slow = rng.normal() * 0.12;
    this.fast = rng.normal() * 0.06;
  }

  advance(day: StoreDay, rng: SeededRandom): void {
    this.slow = 0.995 * this.slow + 0.012 * rng.normal();
    this.fast = 0.9 * this.fast + 0.028 * rng.normal();
    const season =
      -this.seasonAmplitude * Math.cos((2 * Math.PI * (day.doy - this.seasonTroughDoy)) / 365.25);
    const logSmooth = this.logBase + season + this.slow + this.fast + day.wholesaleLogShift;
    let logQuote = logSmooth + 0.015 * rng.normal();
    // Now and then a cheap lot (clearance at the wholesale market) for one day.
    if (rng.chance(0.004)) logQuote += Math.log(rng.uniform(0.3, 0.65));
    this.wholesale = Math.max(0.01, roundTo(Math.exp(logQuote), 0.01));
    const target = Math.exp(logSmooth) * this.markup;
    if (this.regular === 0 || Math.abs(target / this.regular - 1) > 0.08) {
      this.regular = shelfPrice(target);
    }
    this.reference =
      this.reference === 0 ? this.regular : this.reference + (this.regular - this.reference) / 45;
  }
}

/** Shelf prices end on 0.2 RMB below 20 RMB, on whole RMB above. */
export function shelfPrice(x: number): number {
  return x < 20 ? Math.max(0.2, roundTo(x, 0.2)) : Math.round(x);
}
