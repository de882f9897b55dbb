import { bias, coverage, mae, mape, pinball, r2, rmse, smape, wape } from './metrics.js';

export interface PinballSummary {
  p10: number;
  p50: number;
  p90: number;
  /** Mean of the three. */
  mean: number;
}

/** Accuracy over a set of scored points (see metrics.ts for each definition). */
export interface MetricSummary {
  wape: number;
  /** Mean over points of |e| / the series' in-sample seasonal-naive(7) MAE (points of series with a 0 scale skipped). */
  mase: number;
  mae: number;
  rmse: number;
  smape: number;
  mape: number;
  /** Σ(f − y) / Σ|y|: positive = over-forecast. */
  bias: number;
  r2: number;
  coverage_p10_p90: number;
  pinball: PinballSummary;
  points: number;
  /** Distinct series among the points. */
  series: number;
}

export interface ScoredPoint {
  seriesId: string;
  /** 1-based horizon step. */
  step: number;
  actual: number;
  /** The value scored as the point forecast (P50 or mean, see BacktestOptions.point). */
  point: number;
  p10: number;
  p50: number;
  p90: number;
  /** MASE denominator of the series at this point's cutoff. */
  maseScale: number;
}

/** Collects scored points, then summarises them overall or for one horizon step. */
export class ScoreSheet {
  private readonly seriesIds: string[] = [];
  private readonly step: number[] = [];
  private readonly actual: number[] = [];
  private readonly point: number[] = [];
  private readonly p10: number[] = [];
  private readonly p50: number[] = [];
  private readonly p90: number[] = [];
  private readonly maseScale: number[] = [];

  get size(): number {
    return this.actual.length;
  }

  add(p: ScoredPoint): void {
    this.seriesIds.push(p.seriesId);
    this.step.push(p.step);
    this.actual.push(p.actual);
    this.point.push(p.point);
    this.p10.push(p.p10);
    this.p50.push(p.p50);
    this.p90.push(p.p90);
    this.maseScale.push(p.maseScale);
  }

  /** Summary over all points, or over the points of one horizon step. */
  summary(step?: number): MetricSummary {
    const idx: number[] = [];
    for (let i = 0; i < this.size; i++)
      if (step === undefined || this.step[i] === step) idx.push(i);
    const pick = (a: number[]): number[] => idx.map((i) => a[i]);
    const y = pick(this.actual);
    const f = pick(this.point);
    const lo = pick(this.p10);
    const mid = pick(this.p50);
    const hi = pick(this.p90);
    const pb = { p10: pinball(y, lo, 0.1), p50: pinball(y, mid, 0.5), p90: pinball(y, hi, 0.9) };
    let scaled = 0;
    let scaledN = 0;
    for (const i of idx) {
      const s = this.maseScale[i];
      if (!(s > 0) || Number.isNaN(this.actual[i]) || Number.isNaN(this.point[i])) continue;
      scaled += Math.abs(this.point[i] - this.actual[i]) / s;
      scaledN++;
    }
    return {
      wape: wape(y, f),
      mase: scaledN === 0 ? NaN : scaled / scaledN,
      mae: mae(y, f),
      rmse: rmse(y, f),
      smape: smape(y, f),
      mape: mape(y, f),
      bias: bias(y, f),
      r2: r2(y, f),
      coverage_p10_p90: coverage(y, lo, hi),
      pinball: { ...pb, mean: (pb.p10 + pb.p50 + pb.p90) / 3 },
      points: idx.length,
      series: new Set(idx.map((i) => this.seriesIds[i])).size,
    };
  }
}
