import { toEpochDay } from '../../../src/data/dates.js';
import { horizonBucket, LiveAccuracy } from '../../../src/monitoring/accuracy/live-accuracy.js';
import { judgeCanary } from '../../../src/monitoring/canary/canary-verdict.js';

const actuals: Record<string, Record<string, number>> = {
  a: { '2023-07-01': 10, '2023-07-02': 10, '2023-07-08': 4 },
  b: { '2023-07-01': 0, '2023-07-02': 5 },
};

function scorer(after?: string) {
  return new LiveAccuracy({
    end: '2023-07-08',
    windows: [7, 28],
    after,
    // Rows over the widest window: 28 days ending 2023-07-08 (index 0 = 2023-06-11).
    actualRow: (id) => {
      const values = actuals[id] as Record<string, number> | undefined;
      if (!values) return undefined;
      const row = new Array<number>(28).fill(NaN);
      const first = toEpochDay('2023-06-11');
      for (const [date, y] of Object.entries(values)) row[toEpochDay(date) - first] = y;
      return row;
    },
    category: (id) => (id === 'a' ? 'Leafy' : 'Roots'),
    scale: (id) => (id === 'a' ? 2 : NaN),
  });
}

describe('live accuracy', () => {
  it('buckets horizon days 1, 2–7, 8–14, 15–28, beyond', () => {
    expect([1, 2, 7, 8, 14, 15, 28, 29].map(horizonBucket)).toEqual([
      '1',
      '7',
      '7',
      '14',
      '14',
      '28',
      '28',
      '>28',
    ]);
  });

  it('joins forecasts with the actuals of origin + h, per window, bucket and category', () => {
    const live = scorer();
    // Origin 2023-06-30: day 1 = 07-01, day 2 = 07-02, ..., day 8 = 07-08.
    const p50 = [12, 9, 1, 1, 1, 1, 1, 5];
    live.add([
      {
        modelVersion: 'm',
        origin: '2023-06-30',
        seriesId: 'a',
        p10: p50.map((v) => v - 1),
        p50,
        p90: p50.map((v) => v + 1),
      },
      {
        modelVersion: 'm',
        origin: '2023-06-30',
        seriesId: 'b',
        p10: [0, 0],
        p50: [1, 5],
        p90: [2, 6],
      },
    ]);
    const rows = live.rows();
    const get = (w: number, bucket: string, cat: string) =>
      rows.find((r) => r.window_days === w && r.horizon_bucket === bucket && r.category === cat);
    // 28-day window, all: points a/07-01 (e −2... P50 12 vs 10), a/07-02 (9 vs 10), a/07-08 (5 vs 4),
    // b/07-01 (1 vs 0), b/07-02 (5 vs 5): Σ|e| = 2 + 1 + 1 + 1 + 0 = 5, Σ|y| = 29 → WAPE 5/29;
    // Σe = 2 − 1 + 1 + 1 + 0 = 3 → bias 3/29. MASE only for a (scale 2): (2 + 1 + 1)/2/3 = 2/3.
    // Coverage (y in [P10, P90]): a/07-01 10 ∉ [11, 13]; a/07-02 10 ∈ [8, 10]; a/07-08 4 ∈ [4, 6];
    // b/07-01 0 ∈ [0, 2]; b/07-02 5 ∈ [0, 6] → 4/5.
    const all28 = get(28, 'all', 'all');
    expect(all28).toMatchObject({ points: 5, scored_days: 3 });
    expect(all28?.wape).toBeCloseTo(5 / 29, 12);
    expect(all28?.bias).toBeCloseTo(3 / 29, 12);
    expect(all28?.mase).toBeCloseTo(2 / 3, 12);
    expect(all28?.coverage).toBeCloseTo(4 / 5, 12);
    // 7-day window (07-02 .. 07-08): a/07-02, a/07-08, b/07-02.
    expect(get(7, 'all', 'all')).toMatchObject({ points: 3, scored_days: 2 });
    expect(get(28, '1', 'all')?.points).toBe(2);
    expect(get(28, '14', 'Leafy')?.points).toBe(1);
    expect(get(28, 'all', 'Roots')?.wape).toBeCloseTo(1 / 5, 12);
    // `after` keeps only later days.
    const late = scorer('2023-07-01');
    late.add([
      {
        modelVersion: 'm',
        origin: '2023-06-30',
        seriesId: 'b',
        p10: [0, 0],
        p50: [1, 5],
        p90: [2, 6],
      },
    ]);
    expect(
      late
        .rows()
        .find((r) => r.window_days === 28 && r.horizon_bucket === 'all' && r.category === 'all')
        ?.points,
    ).toBe(1);
  });
});

describe('canary verdict', () => {
  const policy = { minScoredDays: 3, minImprovement: 0.02, maxDegradation: 0.2, autoPromote: true };
  const s = (model_version: string, wape: number, scored_days = 5) => ({
    model_version,
    wape,
    points: 100,
    scored_days,
  });

  it('waits for enough scored days, then ends a canary more than 20 % worse', () => {
    expect(judgeCanary(s('c', 0.9, 2), s('p', 0.3, 2), policy).decision).toBe('wait');
    const v = judgeCanary(s('c', 0.37), s('p', 0.3), policy);
    expect(v.decision).toBe('rollback');
    expect(v.relative).toBeCloseTo(0.37 / 0.3 - 1, 12);
    expect(v.reason).toMatch(/^canary ended: 23\.3 % worse than prod/);
  });

  it('promotes one better by the margin, keeps one in between', () => {
    expect(judgeCanary(s('c', 0.29), s('p', 0.3), policy).decision).toBe('promote');
    expect(judgeCanary(s('c', 0.295), s('p', 0.3), policy).decision).toBe('keep');
    expect(judgeCanary(s('c', 0.35), s('p', 0.3), policy).decision).toBe('keep');
    expect(judgeCanary(s('c', 0.29), s('p', 0.3), { ...policy, autoPromote: false }).decision).toBe(
      'keep',
    );
  });
});
