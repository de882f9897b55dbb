/**
 * The metrics of metrics.ts accumulated one point at a time, for scoring sets too large to hold as
 * arrays (live accuracy over every logged forecast): same definitions, same NaN rule (a point with a
 * NaN anywhere is skipped), same NaN for an empty set. Tested against metrics.ts on the same points.
 */
export interface PointForecast {
  actual: number;
  p10: number;
  p50: number;
  p90: number;
  /** The series' seasonal-naive MAE (MASE denominator); NaN or ≤ 0 leaves the point out of MASE. */
  scale: number;
}

export interface MetricSummary {
  points: number;
  /** Σ|e| / Σ|y| with e = P50 − y. */
  wape: number;
  /** Σ(P50 − y) / Σ|y|. */
  bias: number;
  /** Mean of |e| / scale over the points with a positive scale. */
  mase: number;
  /** Mean pinball loss of P10, P50 and P90 at their levels, averaged over the three. */
  pinball: number;
  /** Share of actuals inside [P10, P90]. */
  coverage: number;
}

const pinballOf = (actual: number, q: number, tau: number): number => {
  const d = actual - q;
  return d >= 0 ? tau * d : (tau - 1) * d;
};

export class MetricSums {
  points = 0;
  private abs = 0;
  private signed = 0;
  private scale = 0;
  private scaled = 0;
  private scaledPoints = 0;
  private pinball = 0;
  private covered = 0;

  add(p: PointForecast): void {
    const { actual, p10, p50, p90 } = p;
    if (Number.isNaN(actual) || Number.isNaN(p10) || Number.isNaN(p50) || Number.isNaN(p90)) return;
    const e = p50 - actual;
    this.points++;
    this.abs += Math.abs(e);
    this.signed += e;
    this.scale += Math.abs(actual);
    if (p.scale > 0) {
      this.scaled += Math.abs(e) / p.scale;
      this.scaledPoints++;
    }
    this.pinball +=
      (pinballOf(actual, p10, 0.1) + pinballOf(actual, p50, 0.5) + pinballOf(actual, p90, 0.9)) / 3;
    if (actual >= p10 && actual <= p90) this.covered++;
  }

  merge(other: MetricSums): void {
    this.points += other.points;
    this.abs += other.abs;
    this.signed += other.signed;
    this.scale += other.scale;
    this.scaled += other.scaled;
    this.scaledPoints += other.scaledPoints;
    this.pinball += other.pinball;
    this.covered += other.covered;
  }

  summary(): MetricSummary {
    const n = this.points;
    return {
      points: n,
      wape: this.scale === 0 ? NaN : this.abs / this.scale,
      bias: this.scale === 0 ? NaN : this.signed / this.scale,
      mase: this.scaledPoints === 0 ? NaN : this.scaled / this.scaledPoints,
      pinball: n === 0 ? NaN : this.pinball / n,
      coverage: n === 0 ? NaN : this.covered / n,
    };
  }
}
